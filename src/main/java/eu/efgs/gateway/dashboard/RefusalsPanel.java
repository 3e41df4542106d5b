package eu.efgs.gateway.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Refused uploads in the window: counts per country and error code, and the latest few refusals. */
public record RefusalsPanel(LocalDate from, LocalDate to, long refusals, List<Count> counts, List<Recent> recent) {

    /** How many uploads of a country were refused with one code, and when last. */
    public record Count(String country, String code, long refusals, Instant last) {
    }

    /** One refusal: the tag the country sent, the code and the first finding (no key material). */
    public record Recent(Instant refusedAt, String country, String batchTag, String code, int status,
                         String firstFinding) {
    }
}
