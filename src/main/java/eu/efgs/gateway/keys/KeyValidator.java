package eu.efgs.gateway.keys;

import eu.interop.DiagnosisKey;
import eu.interop.ReportType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The key validation policy as a pure function of the keys, the policy and the current instant. */
public final class KeyValidator {

    private static final int TRL_NOT_AVAILABLE = 0x7FFFFFFF;
    private static final long INTERVAL_SECONDS = 600;

    /** The policy's values (see {@link KeyPolicyConfig} for their meaning and defaults). */
    public record Policy(int maxAgeDays, int futureIntervals, Set<ReportType> reportTypes,
                         List<String> extraCountryCodes, KeyPolicyConfig.DsosPolicy dsos) {

        public static Policy of(KeyPolicyConfig config) {
            return new Policy(config.maxAgeDays(), config.futureIntervals(), config.reportTypes(),
                    config.extraCountryCodes(), config.dsos());
        }
    }

    private final Policy policy;
    private final Set<String> countries;

    public KeyValidator(Policy policy) {
        this.policy = policy;
        this.countries = Stream.concat(Stream.of(Locale.getISOCountries()), policy.extraCountryCodes().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every rule every key breaks, in key order (one finding per key: its first broken rule). */
    public List<KeyFinding> findings(List<DiagnosisKey> keys, Instant now) {
        long min = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(policy.maxAgeDays())
                .toEpochSecond() / INTERVAL_SECONDS;
        long max = now.getEpochSecond() / INTERVAL_SECONDS + policy.futureIntervals();
        List<KeyFinding> findings = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int index = i;
            firstBrokenRule(keys.get(i), min, max).ifPresent(rule -> findings.add(KeyFinding.of(index, rule)));
        }
        return findings;
    }

    /** The first key that breaks a rule, if any (the upload answers with that one). */
    public Optional<KeyFinding> firstFinding(List<DiagnosisKey> keys, Instant now) {
        return findings(keys, now).stream().findFirst();
    }

    private Optional<KeyRule> firstBrokenRule(DiagnosisKey key, long minInterval, long maxInterval) {
        if (key.getKeyData().size() != 16) {
            return Optional.of(KeyRule.KEY_DATA_LENGTH);
        }
        long interval = Integer.toUnsignedLong(key.getRollingStartIntervalNumber());
        if (interval < minInterval || interval > maxInterval) {
            return Optional.of(KeyRule.ROLLING_START_INTERVAL_NUMBER);
        }
        long period = Integer.toUnsignedLong(key.getRollingPeriod());
        if (period < 1 || period > 144) {
            return Optional.of(KeyRule.ROLLING_PERIOD);
        }
        int trl = key.getTransmissionRiskLevel();
        if ((trl < 0 || trl > 8) && trl != TRL_NOT_AVAILABLE) {
            return Optional.of(KeyRule.TRANSMISSION_RISK_LEVEL);
        }
        if (key.getReportType() == ReportType.UNRECOGNIZED || !policy.reportTypes().contains(key.getReportType())) {
            return Optional.of(KeyRule.REPORT_TYPE);
        }
        if (!countries.contains(key.getOrigin())) {
            return Optional.of(KeyRule.ORIGIN);
        }
        if (!countries.containsAll(key.getVisitedCountriesList())) {
            return Optional.of(KeyRule.VISITED_COUNTRIES);
        }
        if (!dsosAccepted(key.getDaysSinceOnsetOfSymptoms())) {
            return Optional.of(KeyRule.DAYS_SINCE_ONSET_OF_SYMPTOMS);
        }
        return Optional.empty();
    }

    private boolean dsosAccepted(int dsos) {
        return switch (policy.dsos()) {
            case OFF -> true;
            case STRICT -> Math.abs(dsos) <= 14;
            case ENCODED -> Math.abs(dsos) <= 14 || encoded(dsos);
        };
    }

    private static boolean encoded(int dsos) {
        int hundreds = Math.round(dsos / 100f);
        boolean known = (hundreds >= 1 && hundreds <= 20) || hundreds == 30 || hundreds == 40;
        return known && Math.abs(dsos - hundreds * 100) <= 14;
    }
}
