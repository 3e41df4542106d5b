package eu.efgs.gateway.testing;

import eu.efgs.gateway.signing.CanonicalBytes;
import eu.interop.DiagnosisKey;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Signs batches the way national backends do: detached CMS SignedData with the signing certificate embedded. */
public final class TestSigner {

    private TestSigner() {
    }

    public static String sign(List<DiagnosisKey> keys, Pki.Credential signer) {
        return sign(CanonicalBytes.of(keys), signer, defaultAlgorithm(signer), true);
    }

    public static String defaultAlgorithm(Pki.Credential signer) {
        return signer.key().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    }

    public static String sign(byte[] content, Pki.Credential signer, String algorithm, boolean signedAttributes) {
        try {
            var builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
            builder.setDirectSignature(!signedAttributes);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(builder.build(
                    new JcaContentSignerBuilder(algorithm).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(signer.key()), signer.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
            return Base64.getEncoder().encodeToString(
                    generator.generate(new CMSProcessableByteArray(content), false).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign test batch", e);
        }
    }
}
