package eu.efgs.gateway.client;

import com.google.protobuf.ByteString;
import eu.interop.DiagnosisKey;
import eu.interop.ReportType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Realistic diagnosis keys: random 16-byte keyData, daily keys of the last ten days, valid ranges throughout. */
public final class KeyGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyGenerator() {
    }

    public static List<DiagnosisKey> keys(String origin, List<String> visitedCountries, int count, Instant now) {
        long today = now.getEpochSecond() / 600 / 144 * 144;
        List<DiagnosisKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] keyData = new byte[16];
            RANDOM.nextBytes(keyData);
            keys.add(DiagnosisKey.newBuilder()
                    .setKeyData(ByteString.copyFrom(keyData))
                    .setRollingStartIntervalNumber((int) (today - 144L * RANDOM.nextInt(10)))
                    .setRollingPeriod(144)
                    .setTransmissionRiskLevel(RANDOM.nextInt(9))
                    .addAllVisitedCountries(visitedCountries)
                    .setOrigin(origin)
                    .setReportType(ReportType.CONFIRMED_TEST)
                    .setDaysSinceOnsetOfSymptoms(RANDOM.nextInt(29) - 14)
                    .build());
        }
        return keys;
    }
}
