package eu.efgs.gateway.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Batch signature settings ({@code efgs.signing.*}). */
@ConfigMapping(prefix = "efgs.signing")
public interface SigningConfig {

    /**
     * Accept SHA-1 based CMS signatures. On by default because real clients (covid-green, eRouska) sign with
     * SHA-1; every accepted use is logged so operators can ask those countries to move on.
     */
    @WithDefault("true")
    boolean allowSha1();

    /** Longest accepted {@code batchSignature} header (base64 characters); 4096-bit certificates need ~4 KB. */
    @WithDefault("20000")
    @Min(4096)
    @Max(60000)
    int maxSignatureLength();
}
