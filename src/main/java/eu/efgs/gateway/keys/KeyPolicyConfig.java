package eu.efgs.gateway.keys;

import eu.interop.ReportType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Set;

/** Which diagnosis keys are accepted ({@code efgs.keys.*}); defaults follow the original and efgs#235. */
@ConfigMapping(prefix = "efgs.keys")
public interface KeyPolicyConfig {

    /** Oldest accepted rollingStartIntervalNumber: 00:00 UTC this many days ago (the original: 15). */
    @WithDefault("15")
    @Min(1)
    @Max(60)
    int maxAgeDays();

    /** Newest accepted rollingStartIntervalNumber: the current 10-minute interval plus this (the original: 1). */
    @WithDefault("1")
    @Min(0)
    @Max(144)
    int futureIntervals();

    /** Accepted report types (the protobuf enum's names, so a misspelt one stops start-up); all by default. */
    @WithDefault("UNKNOWN,CONFIRMED_TEST,CONFIRMED_CLINICAL_DIAGNOSIS,SELF_REPORT,RECURSIVE,REVOKED")
    Set<ReportType> reportTypes();

    /** UNRECOGNIZED is protobuf's name for numbers outside the enum, not a report type one could accept. */
    @AssertTrue(message = "is false: efgs.keys.report-types may not contain UNRECOGNIZED")
    default boolean isReportTypesDefined() {
        return !reportTypes().contains(ReportType.UNRECOGNIZED);
    }

    /**
     * Codes accepted as origin and visited country besides ISO 3166-1 alpha-2: UK (exceptionally reserved for
     * the United Kingdom and used by the original's own test data) and EU (used by backends for "any EU country").
     */
    @WithDefault("UK,EU")
    List<@Pattern(regexp = "[A-Z]{2}", message = "must be two capital letters") String> extraCountryCodes();

    /** days_since_onset_of_symptoms rule. */
    @WithDefault("ENCODED")
    DsosPolicy dsos();

    /**
     * STRICT: −14..14 only. ENCODED (default): also the encodings national backends use (lessons §1.2): n·100±14
     * for n = 1..20 (symptom-onset ranges; 1986..2014 = symptomatic, onset unknown), 2986..3014 (asymptomatic),
     * 3986..4014 (symptom status unknown). OFF: any value passes through.
     */
    enum DsosPolicy { STRICT, ENCODED, OFF }
}
