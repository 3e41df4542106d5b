package eu.efgs.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import eu.interop.DiagnosisKey;
import eu.interop.ReportType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyValidatorTest {

    /** 2026-11-23T12:34:56Z: interval 2992395; today 00:00 is 2992320; fifteen days before is 2990160. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:34:56Z");
    private static final Set<ReportType> ALL_TYPES = Set.of(ReportType.UNKNOWN, ReportType.CONFIRMED_TEST,
            ReportType.CONFIRMED_CLINICAL_DIAGNOSIS, ReportType.SELF_REPORT, ReportType.RECURSIVE, ReportType.REVOKED);

    private static KeyValidator validator(KeyPolicyConfig.DsosPolicy dsos) {
        return new KeyValidator(new KeyValidator.Policy(15, 1, ALL_TYPES, List.of("UK", "EU"), dsos));
    }

    private static DiagnosisKey valid() {
        return DiagnosisKey.newBuilder().setKeyData(ByteString.copyFrom(new byte[16]))
                .setRollingStartIntervalNumber(2992320).setRollingPeriod(144).setTransmissionRiskLevel(5)
                .addAllVisitedCountries(List.of("DE", "FR")).setOrigin("DE").setReportType(ReportType.CONFIRMED_TEST)
                .setDaysSinceOnsetOfSymptoms(0).build();
    }

    private static Optional<KeyRule> rule(UnaryOperator<DiagnosisKey.Builder> change) {
        return rule(change, KeyPolicyConfig.DsosPolicy.ENCODED);
    }

    private static Optional<KeyRule> rule(UnaryOperator<DiagnosisKey.Builder> change, KeyPolicyConfig.DsosPolicy dsos) {
        return validator(dsos).firstFinding(List.of(change.apply(valid().toBuilder()).build()), NOW)
                .map(KeyFinding::rule);
    }

    @Test
    void validKeyPasses() {
        assertEquals(Optional.empty(), rule(b -> b));
    }

    @Test
    void keyData() {
        assertEquals(Optional.of(KeyRule.KEY_DATA_LENGTH), rule(b -> b.setKeyData(ByteString.EMPTY)));
        assertEquals(Optional.of(KeyRule.KEY_DATA_LENGTH), rule(b -> b.setKeyData(ByteString.copyFrom(new byte[17]))));
    }

    @Test
    void rollingStartIntervalWindow() {
        assertEquals(Optional.empty(), rule(b -> b.setRollingStartIntervalNumber(2990160)));
        assertEquals(Optional.of(KeyRule.ROLLING_START_INTERVAL_NUMBER),
                rule(b -> b.setRollingStartIntervalNumber(2990159)));
        assertEquals(Optional.empty(), rule(b -> b.setRollingStartIntervalNumber(2992396)));
        assertEquals(Optional.of(KeyRule.ROLLING_START_INTERVAL_NUMBER),
                rule(b -> b.setRollingStartIntervalNumber(2992397)));
        assertEquals(Optional.of(KeyRule.ROLLING_START_INTERVAL_NUMBER),
                rule(b -> b.setRollingStartIntervalNumber(-1)));
    }

    @Test
    void rollingPeriodAndRiskLevel() {
        assertEquals(Optional.of(KeyRule.ROLLING_PERIOD), rule(b -> b.setRollingPeriod(0)));
        assertEquals(Optional.of(KeyRule.ROLLING_PERIOD), rule(b -> b.setRollingPeriod(145)));
        assertEquals(Optional.empty(), rule(b -> b.setRollingPeriod(1)));
        assertEquals(Optional.of(KeyRule.TRANSMISSION_RISK_LEVEL), rule(b -> b.setTransmissionRiskLevel(-1)));
        assertEquals(Optional.of(KeyRule.TRANSMISSION_RISK_LEVEL), rule(b -> b.setTransmissionRiskLevel(9)));
        assertEquals(Optional.empty(), rule(b -> b.setTransmissionRiskLevel(0x7FFFFFFF)));
    }

    @Test
    void reportTypeAndCountries() {
        assertEquals(Optional.of(KeyRule.REPORT_TYPE), rule(b -> b.setReportTypeValue(9)));
        assertEquals(Optional.of(KeyRule.ORIGIN), rule(b -> b.setOrigin("XX")));
        assertEquals(Optional.of(KeyRule.ORIGIN), rule(b -> b.setOrigin("de")));
        assertEquals(Optional.of(KeyRule.VISITED_COUNTRIES), rule(b -> b.addVisitedCountries("DE,NL")));
        assertEquals(Optional.of(KeyRule.VISITED_COUNTRIES), rule(b -> b.addVisitedCountries("")));
        assertEquals(Optional.empty(), rule(b -> b.addVisitedCountries("UK").addVisitedCountries("EU")));
        assertEquals(Optional.empty(), rule(b -> b.clearVisitedCountries()));
    }

    @ParameterizedTest
    @ValueSource(ints = {-14, 0, 14, 86, 114, 686, 714, 1986, 2000, 2014, 2986, 3014, 3986, 4014})
    void encodedDsosValuesPass(int dsos) {
        assertEquals(Optional.empty(), rule(b -> b.setDaysSinceOnsetOfSymptoms(dsos)));
    }

    @ParameterizedTest
    @ValueSource(ints = {-15, 15, 85, 115, 2015, 2500, 2985, 3500, 4015, 5000, -100})
    void otherDsosValuesFail(int dsos) {
        assertEquals(Optional.of(KeyRule.DAYS_SINCE_ONSET_OF_SYMPTOMS), rule(b -> b.setDaysSinceOnsetOfSymptoms(dsos)));
    }

    @Test
    void dsosPolicySwitch() {
        assertEquals(Optional.of(KeyRule.DAYS_SINCE_ONSET_OF_SYMPTOMS),
                rule(b -> b.setDaysSinceOnsetOfSymptoms(2000), KeyPolicyConfig.DsosPolicy.STRICT));
        assertEquals(Optional.empty(), rule(b -> b.setDaysSinceOnsetOfSymptoms(123456),
                KeyPolicyConfig.DsosPolicy.OFF));
    }

    @Test
    void findingsNameEveryBadKeyInOrder() {
        List<DiagnosisKey> keys = List.of(valid(), valid().toBuilder().setRollingPeriod(0).build(), valid(),
                valid().toBuilder().setOrigin("ZZ").build());
        List<KeyFinding> findings = validator(KeyPolicyConfig.DsosPolicy.ENCODED).findings(keys, NOW);
        assertEquals(List.of(1, 3), findings.stream().map(KeyFinding::index).toList());
    }
}
