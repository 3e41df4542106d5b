package eu.efgs.gateway.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Download serving ({@code efgs.download.*}). */
@ConfigMapping(prefix = "efgs.download")
public interface DownloadConfig {

    /** Batches whose decrypted slices are kept in memory (each at most ~2 MB for 5000 keys, both formats). */
    @WithDefault("48")
    @Min(0)
    @Max(10000)
    int cachedBatches();
}
