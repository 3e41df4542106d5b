package eu.efgs.gateway.trust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Certificate registry and trust anchor settings ({@code efgs.trust.*}). */
@ConfigMapping(prefix = "efgs.trust")
public interface TrustConfig {

    /** PEM file of the trust-anchor certificate; the gateway does not start without it. */
    Path anchorCertificate();

    /**
     * How long a verified registry row is reused before it is read and verified again. Bounds how long a
     * revocation made on another instance (or by the operator command) takes to reach this one.
     */
    @WithDefault("PT30S")
    Duration cacheTtl();

    /** Smallest RSA modulus accepted at onboarding (SecReq-042 §6.1 asks for 3072). */
    @WithDefault("3072")
    @Min(2048)
    @Max(16384)
    int minRsaKeyBits();

    /** Smallest EC field size accepted at onboarding. */
    @WithDefault("256")
    @Min(256)
    int minEcKeyBits();

    /**
     * Development only: onboard every country certificate found below this directory (as written by
     * {@code certs/generate-dev-pki.sh}) at start-up, with the seals made there.
     */
    Optional<Path> demoDirectory();
}
