package eu.efgs.gateway.signing;

import eu.interop.DiagnosisKey;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a batch as national backends do (client side): detached CMS SignedData over the canonical bytes, with
 * signed attributes, SHA-256 with RSA or ECDSA as the key requires, and the signing certificate embedded.
 */
public final class BatchSigner {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private final X509Certificate certificate;
    private final PrivateKey key;

    public BatchSigner(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The batchSignature header value for these keys. */
    public String sign(List<DiagnosisKey> keys) {
        return sign(CanonicalBytes.of(keys), key instanceof ECPrivateKey ? "SHA256withECDSA" : "SHA256withRSA", true);
    }

    /** Signs arbitrary content with a chosen algorithm, with or without signed attributes. */
    public String sign(byte[] content, String algorithm, boolean signedAttributes) {
        try {
            var signerInfo = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
            signerInfo.setDirectSignature(!signedAttributes);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo.build(
                    new JcaContentSignerBuilder(algorithm).setProvider(PROVIDER).build(key), certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return Base64.getEncoder().encodeToString(
                    generator.generate(new CMSProcessableByteArray(content), false).getEncoded());
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }
}
