package eu.efgs.gateway.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Download serving ({@code efgs.download.*}). */
@ConfigMapping(prefix = "efgs.download")
public interface DownloadConfig {

    /**
     * Memory for ready download bodies (per batch and format, one for all countries without keys in the batch and
     * one for each country with keys in it), in MiB. A 5000-key batch is about 0.3 MiB as protobuf and 1.2 MiB as
     * JSON; the least used bodies go first.
     */
    @WithDefault("48")
    @Min(0)
    @Max(65536)
    int bodyCacheMegabytes();

    /** Memory for decrypted slices of recent batches (what new bodies are assembled from), in MiB. */
    @WithDefault("24")
    @Min(0)
    @Max(65536)
    int sliceCacheMegabytes();
}
