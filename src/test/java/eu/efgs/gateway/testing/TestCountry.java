package eu.efgs.gateway.testing;

import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;

/** A national backend under test: a fresh authentication and signing certificate, both onboarded. */
public record TestCountry(String code, Pki.Credential auth, Pki.Credential signing) {

    public static final String PROTOBUF = "application/protobuf; version=1.0";

    public static TestCountry onboard(CertificateLifecycle onboarding, String code) {
        return new TestCountry(code, Countries.onboarded(onboarding, code, CertificateType.AUTHENTICATION),
                Countries.onboarded(onboarding, code, CertificateType.SIGNING));
    }

    public RequestSpecification request() {
        return Https.as(auth);
    }

    public static String newTag() {
        return "test-" + UUID.randomUUID();
    }

    /** Uploads {@code keys} as protobuf, correctly signed. */
    public Response upload(String batchTag, List<DiagnosisKey> keys) {
        return upload(batchTag, keys, TestSigner.sign(keys, signing));
    }

    public Response upload(String batchTag, List<DiagnosisKey> keys, String signature) {
        return request().contentType(PROTOBUF)
                .header("batchTag", batchTag)
                .header("batchSignature", signature)
                .body(DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray())
                .post("/diagnosiskeys/upload");
    }
}
