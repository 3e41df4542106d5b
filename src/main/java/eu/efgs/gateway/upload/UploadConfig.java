package eu.efgs.gateway.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Upload limits ({@code efgs.upload.*}). */
@ConfigMapping(prefix = "efgs.upload")
public interface UploadConfig {

    /** Most keys in one upload (the original: 5000); more is 413. */
    @WithDefault("5000")
    @Min(1)
    @Max(100000)
    int maxKeys();

    /** Largest accepted body; 5000 keys take about 0.6 MB as protobuf and 1.3 MB as JSON. */
    @WithDefault("4194304")
    @Min(65536)
    @Max(16777216)
    int maxBodyBytes();
}
