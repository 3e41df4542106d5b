package eu.efgs.gateway.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import eu.efgs.gateway.trust.Thumbprints;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import eu.interop.ReportType;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden vectors of the original EFGS (copied into src/test/resources/vectors). */
class CanonicalBytesTest {

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void all5000IndependentlyComputedStreams() throws Exception {
        int lines = 0;
        try (InputStream in = getClass().getResourceAsStream("/vectors/canonical-key-streams.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                DiagnosisKey key = DiagnosisKey.newBuilder()
                        .setKeyData(ByteString.copyFrom(bytes(f[0])))
                        .setRollingStartIntervalNumber(int32(f[2]))
                        .setRollingPeriod(int32(f[4]))
                        .setTransmissionRiskLevel(int32(f[6]))
                        .addAllVisitedCountries(list(f[8]))
                        .setOrigin(list(f[10]).get(0))
                        .setReportTypeValue(int32(f[12]))
                        .setDaysSinceOnsetOfSymptoms(int32(f[14]))
                        .build();
                assertEquals(f[16], Base64.getEncoder().encodeToString(CanonicalBytes.of(key)), "line " + (lines + 1));
                lines++;
            }
        }
        assertEquals(5000, lines);
    }

    @ParameterizedTest
    @CsvSource({
        "diagnosisKeyBatchMaxValInt.bin, MTIz.f////w==.f////w==.////6g==.VUssTkwsRlI=.REU=.AAAAAQ==.AAAAAA==.",
        "diagnosisKeyBatchMaxValUint.bin, MTIz./////w==./////w==.////6g==.VUssTkwsRlI=.REU=.AAAAAQ==.AAAAAA==.",
        "diagnosisKeyBatchSmallInt.bin, MTIz.AAAABQ==.AAAABQ==.////6g==.VUssTkwsRlI=.REU=.AAAAAQ==.AAAAAA==."
    })
    void serialisedBatches(String file, String expected) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/vectors/" + file)) {
            DiagnosisKeyBatch batch = DiagnosisKeyBatch.parseFrom(in.readAllBytes());
            assertEquals(expected, ascii(CanonicalBytes.of(batch.getKeysList())));
        }
    }

    @Test
    void payloadHashKnownAnswer() {
        byte[] stream = CanonicalBytes.of(fixture(HexFormat.of().parseHex("0E0F0B0E0C0F0F100E0F0B0E0C0F0F10")));
        assertEquals("Dg8LDgwPDxAODwsODA8PEA==.AAAAAg==.AAAAAQ==.AAAAAw==.REUsRlIsUEw=.REU=.AAAAAg==.AAAAKg==.",
                ascii(stream));
        assertEquals("6c50e8474f965e2c7fa4033b7b46293559bd9ea0749fc2ca873ab2b11bb2ad7f", Thumbprints.ofBytes(stream));
    }

    @Test
    void batchIsSortedByTheBase64OfEachWholeStream() {
        List<DiagnosisKey> keys = Arrays.asList(key("D189"), key("123"), key("ABC"), key("978"));
        byte[] expected = concat(key("978"), key("123"), key("ABC"), key("D189"));
        assertArrayEquals(expected, CanonicalBytes.of(keys));
        assertArrayEquals(expected, CanonicalBytes.of(List.of(key("ABC"), key("978"), key("D189"), key("123"))));
    }

    @Test
    void emptyVisitedCountriesGiveAnEmptyFieldAndNonAsciiBecomesQuestionMark() {
        DiagnosisKey key = DiagnosisKey.newBuilder().setKeyData(ByteString.copyFrom(new byte[] {1}))
                .setOrigin("DÉ").build();
        assertEquals("AQ==.AAAAAA==.AAAAAA==.AAAAAA==..RD8=.AAAAAA==.AAAAAA==.", ascii(CanonicalBytes.of(key)));
    }

    @Test
    void unknownReportTypeNumbersAreSignedAsSent() {
        DiagnosisKey key = DiagnosisKey.newBuilder().setReportTypeValue(77).build();
        assertEquals("AAAATQ==", ascii(CanonicalBytes.of(key)).split("\\.", -1)[6]);
    }

    private static DiagnosisKey fixture(byte[] keyData) {
        return DiagnosisKey.newBuilder().setKeyData(ByteString.copyFrom(keyData)).setRollingStartIntervalNumber(2)
                .setRollingPeriod(1).setTransmissionRiskLevel(3).addAllVisitedCountries(List.of("DE", "FR", "PL"))
                .setOrigin("DE").setReportType(ReportType.CONFIRMED_CLINICAL_DIAGNOSIS)
                .setDaysSinceOnsetOfSymptoms(42).build();
    }

    private static DiagnosisKey key(String asciiKeyData) {
        return DiagnosisKey.newBuilder().setKeyData(ByteString.copyFromUtf8(asciiKeyData))
                .setRollingStartIntervalNumber(2).setRollingPeriod(1).setTransmissionRiskLevel(3)
                .addAllVisitedCountries(List.of("CA", "CB", "CC", "CD")).setOrigin("DE")
                .setReportType(ReportType.CONFIRMED_TEST).setDaysSinceOnsetOfSymptoms(42).build();
    }

    private static byte[] concat(DiagnosisKey... keys) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        for (DiagnosisKey key : keys) {
            buffer.put(CanonicalBytes.of(key));
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] bytes(String list) {
        List<String> values = list(list);
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(values.get(i));
        }
        return bytes;
    }

    private static int int32(String list) {
        return ByteBuffer.wrap(bytes(list)).getInt();
    }

    private static List<String> list(String text) {
        String inner = text.substring(1, text.length() - 1).trim();
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(String::trim).toList();
    }
}
