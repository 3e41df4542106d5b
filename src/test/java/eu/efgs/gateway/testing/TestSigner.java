package eu.efgs.gateway.testing;

import eu.efgs.gateway.signing.BatchSigner;
import eu.interop.DiagnosisKey;
import java.util.List;

/** Signs test batches with the client-side signer, as national backends do. */
public final class TestSigner {

    private TestSigner() {
    }

    public static String sign(List<DiagnosisKey> keys, Pki.Credential signer) {
        return new BatchSigner(signer.certificate(), signer.key()).sign(keys);
    }

    public static String defaultAlgorithm(Pki.Credential signer) {
        return signer.key().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    }

    public static String sign(byte[] content, Pki.Credential signer, String algorithm, boolean signedAttributes) {
        return new BatchSigner(signer.certificate(), signer.key()).sign(content, algorithm, signedAttributes);
    }
}
