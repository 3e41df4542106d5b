package eu.efgs.gateway.trust;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.AlgorithmParameters;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Trust-anchor seals: the operator's signature over the exact stored PEM text, with the signature algorithm of
 * the trust-anchor certificate itself. Byte-compatible with the original and with
 * {@code openssl dgst -sha256 -sign ta.key cert.pem | base64 -w0} for an RSA or EC SHA-256 anchor.
 */
public final class Seals {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private Seals() {
    }

    public static String seal(String pem, PrivateKey anchorKey, X509Certificate anchor) {
        try {
            Signature signature = signatureFor(anchor);
            signature.initSign(anchorKey);
            signature.update(pem.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The trust-anchor key cannot seal: " + e.getMessage(), e);
        }
    }

    public static boolean verify(String pem, String sealBase64, X509Certificate anchor) {
        if (pem == null || sealBase64 == null || sealBase64.isBlank()) {
            return false;
        }
        try {
            Signature signature = signatureFor(anchor);
            signature.initVerify(anchor.getPublicKey());
            signature.update(pem.getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getDecoder().decode(sealBase64.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads an unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), as openssl writes them. */
    public static PrivateKey readPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(PROVIDER);
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("Not an unencrypted PEM private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a readable PEM private key: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's implementation where it has one: BouncyCastle tests every RSA modulus it meets for primality, about
     * half a second of a start-up (or of the first request after it) for a 3072-bit anchor the operator chose.
     */
    private static Signature signatureFor(X509Certificate anchor) throws GeneralSecurityException {
        Signature signature;
        try {
            signature = Signature.getInstance(anchor.getSigAlgName());
        } catch (NoSuchAlgorithmException onlyBouncyCastleKnowsIt) {
            signature = Signature.getInstance(anchor.getSigAlgName(), PROVIDER);
        }
        byte[] params = anchor.getSigAlgParams();
        if (params != null && "RSASSA-PSS".equalsIgnoreCase(anchor.getSigAlgName())) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS", PROVIDER);
                parameters.init(params);
                signature.setParameter(parameters.getParameterSpec(PSSParameterSpec.class));
            } catch (IOException e) {
                throw new GeneralSecurityException("Unreadable RSASSA-PSS parameters of the trust anchor", e);
            }
        }
        return signature;
    }
}
