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

    /** Digest instances are not thread-safe but costly to look up (uploads hash every key); one per thread. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    public static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** True for a canonical thumbprint (what the registry stores). */
    public static boolean isCanonical(String thumbprint) {
        return thumbprint != null && thumbprint.matches("[0-9a-f]{64}");
    }
}
