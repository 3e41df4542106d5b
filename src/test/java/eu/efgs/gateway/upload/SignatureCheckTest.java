package eu.efgs.gateway.upload;

import static org.hamcrest.Matchers.equalTo;

import eu.efgs.gateway.signing.CanonicalBytes;
import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestCountry;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every accepted signature form and every refusal cause, each with its own code. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class SignatureCheckTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource db;

    private TestCountry de;
    private List<DiagnosisKey> keys;

    @BeforeEach
    void country() {
        de = TestCountry.onboard(onboarding, "DE");
        keys = TestKeys.keys("DE", 5);
    }

    private void refused(String signature, String code) {
        de.upload(TestCountry.newTag(), keys, signature).then().statusCode(400).body("code", equalTo(code));
    }

    private TestCountry countryWithSigning(Pki.KeyType type) {
        Pki.Credential signing = Pki.selfSigned("C=DE,CN=signer " + System.nanoTime(), type);
        Countries.onboard(onboarding, "DE", CertificateType.SIGNING, signing);
        return new TestCountry("DE", de.auth(), signing);
    }

    @ParameterizedTest
    @CsvSource({
        "RSA_3072, SHA256withRSA, true", "RSA_3072, SHA256withRSA, false",
        "RSA_3072, SHA256withRSAandMGF1, true", "RSA_3072, SHA256withRSAandMGF1, false",
        "EC_P256, SHA256withECDSA, true", "EC_P256, SHA256withECDSA, false",
        "RSA_3072, SHA1withRSA, true"
    })
    void acceptedSignatureForms(Pki.KeyType type, String algorithm, boolean signedAttributes) {
        TestCountry signer = countryWithSigning(type);
        String signature = TestSigner.sign(CanonicalBytes.of(keys), signer.signing(), algorithm, signedAttributes);
        signer.upload(TestCountry.newTag(), keys, signature).then().statusCode(201);
    }

    @ParameterizedTest
    @CsvSource({"RSA_3072, false", "RSA_3072, true", "EC_P256, false", "EC_P256, true"})
    void signatureMadeByOpensslCmsIsAccepted(Pki.KeyType type, boolean noAttributes) throws Exception {
        TestCountry signer = countryWithSigning(type);
        Path dir = Files.createTempDirectory("openssl-cms");
        Files.write(dir.resolve("canonical.bin"), CanonicalBytes.of(keys));
        Files.writeString(dir.resolve("signer.pem"), signer.signing().pem());
        Files.writeString(dir.resolve("signer.key"), signer.signing().keyPem());
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "cms", "-sign", "-binary", "-outform",
                "DER", "-md", "sha256", "-in", "canonical.bin", "-signer", "signer.pem", "-inkey", "signer.key",
                "-out", "sig.der"));
        if (noAttributes) {
            command.add("-noattr");
        }
        Process openssl = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        org.junit.jupiter.api.Assertions.assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        org.junit.jupiter.api.Assertions.assertEquals(0, openssl.exitValue());
        String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("sig.der")));
        signer.upload(TestCountry.newTag(), keys, signature).then().statusCode(201);
    }

    @Test
    void notBase64() {
        refused("not base64!", "SIGNATURE_NOT_BASE64");
    }

    @Test
    void truncatedBase64() {
        String signature = TestSigner.sign(keys, de.signing());
        refused(signature.substring(0, signature.length() - 3), "SIGNATURE_NOT_BASE64");
    }

    @Test
    void truncatedDer() {
        byte[] der = Base64.getDecoder().decode(TestSigner.sign(keys, de.signing()));
        refused(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, der.length / 2)), "SIGNATURE_NOT_CMS");
    }

    @Test
    void garbage() {
        byte[] random = new byte[600];
        new SecureRandom().nextBytes(random);
        refused(Base64.getEncoder().encodeToString(random), "SIGNATURE_NOT_CMS");
    }

    @Test
    void envelopedDataInsteadOfSignedData() throws Exception {
        Pki.Credential recipient = Pki.selfSigned("C=DE,CN=recipient", Pki.KeyType.RSA_2048);
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient.certificate()));
        byte[] enveloped = generator.generate(new CMSProcessableByteArray(CanonicalBytes.of(keys)),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build()).getEncoded();
        refused(Base64.getEncoder().encodeToString(enveloped), "SIGNATURE_NOT_SIGNED_DATA");
    }

    @Test
    void noSignerInfo() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificate(new JcaX509CertificateHolder(de.signing().certificate()));
        refused(encode(generator, CanonicalBytes.of(keys)), "SIGNATURE_NO_SIGNER");
    }

    @Test
    void signerCertificateNotEmbedded() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo(de.signing()));
        refused(encode(generator, CanonicalBytes.of(keys)), "SIGNATURE_CERTIFICATE_MISSING");
    }

    @Test
    void everySignerInfoMustBelongToTheSameCertificate() throws Exception {
        Pki.Credential other = Pki.selfSigned("C=DE,CN=second signer", Pki.KeyType.EC_P256);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo(de.signing()));
        generator.addSignerInfoGenerator(signerInfo(other));
        generator.addCertificate(new JcaX509CertificateHolder(de.signing().certificate()));
        generator.addCertificate(new JcaX509CertificateHolder(other.certificate()));
        refused(encode(generator, CanonicalBytes.of(keys)), "SIGNATURE_SIGNERS_DIFFER");
    }

    @Test
    void anotherKeyUnderACertificateThatVerifiedBeforeIsRefused() throws Exception {
        de.upload(TestCountry.newTag(), keys).then().statusCode(201); // the certificate's verifier is now kept
        Pki.Credential impostor = Pki.selfSigned("C=DE,CN=impostor", "EC".equals(de.signing().key().getAlgorithm())
                ? Pki.KeyType.EC_P256 : Pki.KeyType.RSA_3072);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        // DE's registered certificate, with the impostor's key
        generator.addSignerInfoGenerator(signerInfo(new Pki.Credential(de.signing().certificate(), impostor.key())));
        generator.addCertificate(new JcaX509CertificateHolder(de.signing().certificate()));
        refused(encode(generator, CanonicalBytes.of(keys)), "SIGNATURE_MISMATCH");
    }

    @Test
    void expiredSigningCertificate() {
        Pki.Credential expired = Pki.selfSigned("C=DE,CN=expired signer " + System.nanoTime(),
                Pki.keyPair(Pki.KeyType.EC_P256), Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        Db.update(db, "INSERT INTO certificate (created_at, thumbprint, country, type, revoked, signature, raw_data) "
                        + "VALUES (?, ?, 'DE', 'SIGNING', false, ?, ?)", Timestamp.from(Instant.now()),
                Thumbprints.of(expired.certificate()), TestPki.seal(expired.pem()), expired.pem());
        refused(TestSigner.sign(keys, expired), "SIGNATURE_CERTIFICATE_NOT_VALID_NOW");
    }

    @Test
    void signingCertificateWithoutCountry() {
        refused(TestSigner.sign(keys, Pki.selfSigned("CN=no country", Pki.KeyType.EC_P256)),
                "SIGNATURE_COUNTRY_MISSING");
    }

    @Test
    void anotherCountrysSigningCertificate() {
        TestCountry fr = TestCountry.onboard(onboarding, "FR");
        refused(TestSigner.sign(keys, fr.signing()), "SIGNATURE_COUNTRY_MISMATCH");
    }

    @Test
    void unregisteredSigningCertificate() {
        refused(TestSigner.sign(keys, Pki.selfSigned("C=DE,CN=unknown", Pki.KeyType.EC_P256)),
                "SIGNATURE_CERTIFICATE_NOT_REGISTERED");
    }

    @Test
    void authenticationCertificateIsNoSigningCertificate() {
        refused(TestSigner.sign(keys, de.auth()), "SIGNATURE_CERTIFICATE_NOT_REGISTERED");
    }

    /** Rotation: the successor is onboarded, uploads signed by either verify during the overlap, the old is revoked. */
    @Test
    void signingCertificateRotationWithOverlap() {
        TestCountry lu = TestCountry.onboard(onboarding, "LU");
        Pki.Credential successor = eu.efgs.gateway.testing.Countries.onboarded(onboarding, "LU",
                eu.efgs.gateway.trust.CertificateType.SIGNING);
        List<DiagnosisKey> byOld = TestKeys.keys("LU", 3);
        List<DiagnosisKey> byNew = TestKeys.keys("LU", 3);
        lu.upload(TestCountry.newTag(), byOld, TestSigner.sign(byOld, lu.signing())).then().statusCode(201);
        lu.upload(TestCountry.newTag(), byNew, TestSigner.sign(byNew, successor)).then().statusCode(201);

        org.junit.jupiter.api.Assertions.assertEquals(new eu.efgs.gateway.trust.CertificateLifecycle.Revocation(true,
                java.util.List.of()), onboarding.revoke(Thumbprints.of(lu.signing().certificate())));

        List<DiagnosisKey> later = TestKeys.keys("LU", 3);
        lu.upload(TestCountry.newTag(), later, TestSigner.sign(later, lu.signing())).then().statusCode(400)
                .body("code", equalTo("SIGNATURE_CERTIFICATE_REVOKED"));
        lu.upload(TestCountry.newTag(), later, TestSigner.sign(later, successor)).then().statusCode(201);
    }

    @Test
    void revokedSigningCertificateRightAfterRevocation() {
        de.upload(TestCountry.newTag(), keys).then().statusCode(201);
        org.junit.jupiter.api.Assertions.assertEquals(new eu.efgs.gateway.trust.CertificateLifecycle.Revocation(true,
                java.util.List.of()), onboarding.revoke(Thumbprints.of(de.signing().certificate())));
        List<DiagnosisKey> more = TestKeys.keys("DE", 2);
        de.upload(TestCountry.newTag(), more).then().statusCode(400)
                .body("code", equalTo("SIGNATURE_CERTIFICATE_REVOKED"));
    }

    @Test
    void keysOfAnotherOrigin() {
        keys = List.of(TestKeys.key("DE"), TestKeys.key("FR"));
        refused(TestSigner.sign(keys, de.signing()), "SIGNATURE_ORIGIN_MISMATCH");
    }

    @Test
    void signatureOverOtherKeys() {
        refused(TestSigner.sign(TestKeys.keys("DE", 5), de.signing()), "SIGNATURE_MISMATCH");
    }

    @Test
    void signatureOverKeysWithOneFieldChanged() {
        String signature = TestSigner.sign(keys, de.signing());
        int dsos = keys.get(0).getDaysSinceOnsetOfSymptoms();
        int changed = dsos == 14 ? 13 : dsos + 1; // still a valid value: only the signature may fail here
        keys = List.of(keys.get(0).toBuilder().setDaysSinceOnsetOfSymptoms(changed).build(), keys.get(1),
                keys.get(2), keys.get(3), keys.get(4));
        refused(signature, "SIGNATURE_MISMATCH");
    }

    private static org.bouncycastle.cms.SignerInfoGenerator signerInfo(Pki.Credential signer) throws Exception {
        return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder(TestSigner.defaultAlgorithm(signer)).build(signer.key()),
                        signer.certificate());
    }

    private static String encode(CMSSignedDataGenerator generator, byte[] content) throws Exception {
        return Base64.getEncoder().encodeToString(generator.generate(new CMSProcessableByteArray(content), false)
                .getEncoded());
    }
}
