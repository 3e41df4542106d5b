package eu.efgs.gateway.trust;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** Minimum key sizes for onboarded certificates (SecReq-042 §6.1: RSA ≥ 3072 bits, EC ≥ 256 bits). */
public record KeyStrength(int minRsaBits, int minEcBits) {

    /** Why a key is too weak, or empty when it is strong enough. */
    public Optional<String> weakness(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits < minRsaBits
                    ? Optional.of("RSA key of " + bits + " bits; at least " + minRsaBits + " required")
                    : Optional.empty();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits < minEcBits
                    ? Optional.of("EC key of " + bits + " bits; at least " + minEcBits + " required")
                    : Optional.empty();
        }
        return Optional.of("Unsupported key algorithm " + key.getAlgorithm() + "; RSA or EC required");
    }
}
