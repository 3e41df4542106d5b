package eu.efgs.gateway.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

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

    /** Uploads checked and stored at once; default half the connection pool, at most 8. */
    Optional<@Min(1) @Max(256) Integer> concurrency();

    /** Uploads that may wait for a turn; more are refused at once with 503. */
    @WithDefault("100")
    @Min(0)
    @Max(100000)
    int queueSize();

    /** Longest wait for a turn, then 503; shorter than {@code efgs.http.request-timeout}. */
    @WithDefault("PT30S")
    @DurationMin(millis = 10)
    @DurationMax(minutes = 10)
    Duration queueTimeout();
}
