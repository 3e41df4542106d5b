package eu.efgs.gateway.testing;

import com.google.protobuf.ByteString;
import eu.interop.DiagnosisKey;
import eu.interop.ReportType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Realistic, valid diagnosis keys with random 16-byte keyData. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    public static DiagnosisKey key(String origin) {
        byte[] keyData = new byte[16];
        RANDOM.nextBytes(keyData);
        int interval = (int) (Instant.now().getEpochSecond() / 600 / 144 * 144 - 144L * RANDOM.nextInt(10));
        return DiagnosisKey.newBuilder()
                .setKeyData(ByteString.copyFrom(keyData))
                .setRollingStartIntervalNumber(interval)
                .setRollingPeriod(144)
                .setTransmissionRiskLevel(RANDOM.nextInt(9))
                .addAllVisitedCountries(List.of("DE", "FR", "NL"))
                .setOrigin(origin)
                .setReportType(ReportType.CONFIRMED_TEST)
                .setDaysSinceOnsetOfSymptoms(RANDOM.nextInt(29) - 14)
                .build();
    }

    public static List<DiagnosisKey> keys(String origin, int count) {
        List<DiagnosisKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(key(origin));
        }
        return keys;
    }
}
