package eu.efgs.gateway.statistics;

import eu.efgs.gateway.identity.Authenticated;
import eu.efgs.gateway.identity.CallerIdentity;
import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /diagnosiskeys/statistics?from=&to=} (not in the original): keys uploaded and downloaded per UTC day
 * for the caller's country; operators (configured thumbprints) see every country. Default: the last 7 days.
 */
@Path("/diagnosiskeys/statistics")
@Authenticated
public class StatisticsResource {

    private static final int MAX_DAYS = 366;

    @Inject
    StatisticsService statistics;

    @Inject
    StatisticsConfig config;

    @Inject
    CallerIdentity caller;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<DailyStatistics> daily(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = date(toText, today);
        LocalDate from = date(fromText, to.minusDays(6));
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new GatewayException(ErrorCode.DATE_INVALID, "from must not be after to, at most " + MAX_DAYS
                    + " days apart");
        }
        boolean operator = config.isOperator(caller.get().thumbprint());
        return statistics.daily(from, to, operator ? Optional.empty() : Optional.of(caller.country()));
    }

    private static LocalDate date(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new GatewayException(ErrorCode.DATE_INVALID, null);
        }
    }
}
