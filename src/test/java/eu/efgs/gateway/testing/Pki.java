package eu.efgs.gateway.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Generates keys and certificates at test time (nothing private is committed). */
public final class Pki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {
    }

    /** A certificate with its private key. */
    public record Credential(X509Certificate certificate, PrivateKey key) {
        public String pem() {
            return Pki.pem(certificate);
        }

        /** PKCS#8 PEM, which every TLS stack reads. */
        public String keyPem() {
            try {
                return Pki.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
            } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public enum KeyType { RSA_2048, RSA_3072, EC_P256 }

    public static KeyPair keyPair(KeyType type) {
        try {
            if (type == KeyType.EC_P256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(type == KeyType.RSA_2048 ? 2048 : 3072);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate, as national backends use them. */
    public static Credential selfSigned(String subject, KeyType type) {
        return selfSigned(subject, keyPair(type), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)));
    }

    public static Credential selfSigned(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        return issue(subject, keys, subject, keys.getPrivate(), notBefore, notAfter, null);
    }

    /** A TLS server certificate for localhost. */
    public static Credential server() {
        return server("CN=localhost", "localhost");
    }

    /** A self-signed TLS server certificate naming {@code dnsName} (subject alternative name). */
    public static Credential server(String subject, String dnsName) {
        return issue(subject, keyPair(KeyType.EC_P256), subject, null,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), dnsName);
    }

    private static Credential issue(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
                                    Instant notBefore, Instant notAfter, String dnsName) {
        try {
            PrivateKey signer = issuerKey == null ? keys.getPrivate() : issuerKey;
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), new BigInteger(64, RANDOM),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
            return new Credential(certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot issue test certificate " + subject, e);
        }
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
