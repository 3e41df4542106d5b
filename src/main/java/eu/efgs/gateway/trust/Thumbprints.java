package eu.efgs.gateway.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 thumbprints: always 64 lowercase hex characters, leading zeros kept (the original dropped them). */
public final class Thumbprints {

    private Thumbprints() {
    }

    public static String of(X509Certificate certificate) {
        try {
            return ofBytes(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Certificate cannot be encoded", e);
        }
    }

    public static String ofBytes(byte[] der) {
        return hex(sha256(der));
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** True for a canonical thumbprint (what the registry stores). */
    public static boolean isCanonical(String thumbprint) {
        return thumbprint != null && thumbprint.matches("[0-9a-f]{64}");
    }
}
