package eu.efgs.gateway.platform.http;

import java.util.Map;

/**
 * JVM-wide TLS settings that Quarkus cannot set per server: the JDK reads them once, when TLS is first used, so
 * they are applied before anything starts. A value given on the command line ({@code -D}) wins. Protocols and
 * cipher suites are per server, in application.properties ({@code quarkus.http.ssl.*}).
 */
public final class TlsPolicy {

    /** What the server asks a client certificate to be signed with: no SHA-1, no DSA. */
    static final String SERVER_SIGNATURE_SCHEMES = String.join(",", "ecdsa_secp256r1_sha256",
            "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ed25519", "ed448", "rsa_pss_rsae_sha256",
            "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256", "rsa_pss_pss_sha384",
            "rsa_pss_pss_sha512", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512");

    private static final Map<String, String> DEFAULTS = Map.of(
            // TLS 1.2 renegotiation started by a client costs the server a handshake per request of the attacker's
            "jdk.tls.rejectClientInitiatedRenegotiation", "true",
            "jdk.tls.server.SignatureSchemes", SERVER_SIGNATURE_SCHEMES,
            // Vert.x turns each PEM key (server, callback client) into a PKCS#12 store that lives in memory only,
            // under a password it made up, and reads it back; 10,000 PBKDF2 rounds each way protect no file and
            // were a tenth of a start-up's CPU. The server process writes no PKCS#12 file.
            "keystore.pkcs12.keyPbeIterationCount", "1");

    private TlsPolicy() {
    }

    public static void applyJvmDefaults() {
        DEFAULTS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
