package eu.efgs.gateway.trust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Certificate registry and trust anchor settings ({@code efgs.trust.*}). */
@ConfigMapping(prefix = "efgs.trust")
public interface TrustConfig {

    /** PEM file of the trust-anchor certificate; the gateway does not start without it. */
    Path anchorCertificate();

    /**
     * How long a PEM whose trust-anchor seal verified is trusted before the seal is verified again. Revocation and
     * the other registry columns are read on every request and do not wait for it. At most 10 minutes: a PEM
     * changed by hand in the database is believed for up to this long.
     */
    @WithDefault("PT5M")
    @DurationMin(seconds = 0)
    @DurationMax(minutes = 10)
    Duration cacheTtl();

    /** Active certificates ending within this window are warned about (log, readiness data, cert list). */
    @WithDefault("P30D")
    @DurationMin(days = 1)
    @DurationMax(days = 365)
    Duration expiryWarning();

    /** Smallest RSA modulus accepted at onboarding (SecReq-042 §6.1 asks for 3072). */
    @WithDefault("3072")
    @Min(2048)
    @Max(16384)
    int minRsaKeyBits();

    /** Smallest EC field size accepted at onboarding. */
    @WithDefault("256")
    @Min(256)
    @Max(521)
    int minEcKeyBits();

    /**
     * Development only: onboard every country certificate found below this directory (as written by
     * {@code certs/generate-dev-pki.sh}) at start-up, with the seals made there.
     */
    Optional<Path> demoDirectory();
}
