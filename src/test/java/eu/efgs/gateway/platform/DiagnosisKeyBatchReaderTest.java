package eu.efgs.gateway.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.interop.DiagnosisKey;
import eu.interop.ReportType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisKeyBatchReaderTest {

    private static List<DiagnosisKey> json(String text) {
        return DiagnosisKeyBatchReader.read(text.getBytes(StandardCharsets.UTF_8), true).getKeysList();
    }

    private static ErrorCode failure(String text) {
        return assertThrows(GatewayException.class, () -> json(text)).code();
    }

    @Test
    void originalDialect() {
        DiagnosisKey key = json("{\"keys\": [{\"keyData\": \"Dg8LDgwPDxAODwsODA8PEA==\","
                + "\"rollingStartIntervalNumber\": "
                + "4294967295,\"rollingPeriod\": 1,\"transmissionRiskLevel\": -3,\"visitedCountries\": [\"DE\",\"FR\"],"
                + "\"origin\": \"DE\",\"reportType\": \"CONFIRMED_CLINICAL_DIAGNOSIS\","
                + "\"days_since_onset_of_symptoms\": 42}]}").get(0);
        assertEquals(16, key.getKeyData().size());
        assertEquals(-1, key.getRollingStartIntervalNumber());
        assertEquals(-3, key.getTransmissionRiskLevel());
        assertEquals(List.of("DE", "FR"), key.getVisitedCountriesList());
        assertEquals(ReportType.CONFIRMED_CLINICAL_DIAGNOSIS, key.getReportType());
        assertEquals(42, key.getDaysSinceOnsetOfSymptoms());
    }

    @Test
    void camelCaseDsosEnumNumbersNullsUnknownFieldsAndLenientSyntax() {
        DiagnosisKey key = json("{'keys': [{'daysSinceOnsetOfSymptoms': -3, 'reportType': 2, 'origin': null, "
                + "'whatever': {'x': 1}, 'keyData': 'AAE'},]}").get(0);
        assertEquals(-3, key.getDaysSinceOnsetOfSymptoms());
        assertEquals(ReportType.CONFIRMED_CLINICAL_DIAGNOSIS, key.getReportType());
        assertEquals("", key.getOrigin());
        assertEquals(2, key.getKeyData().size());
        assertEquals(List.of(), json("{}"));
    }

    @Test
    void errors() {
        assertEquals(ErrorCode.KEY_DATA_NOT_BASE64, failure("{\"keys\":[{\"keyData\":\"a b\"}]}"));
        assertEquals(ErrorCode.REPORT_TYPE_UNKNOWN, failure("{\"keys\":[{\"reportType\":\"NOPE\"}]}"));
        assertEquals(ErrorCode.REPORT_TYPE_UNKNOWN, failure("{\"keys\":[{\"reportType\":17}]}"));
        assertEquals(ErrorCode.BODY_MALFORMED, failure("{\"keys\":[{\"rollingPeriod\":-1}]}"));
        assertEquals(ErrorCode.BODY_MALFORMED, failure("{\"keys\":[{\"rollingPeriod\":4294967296}]}"));
        assertEquals(ErrorCode.BODY_MALFORMED, failure("{\"keys\":[{\"transmissionRiskLevel\":1.5}]}"));
        assertEquals(ErrorCode.BODY_MALFORMED, failure("{\"keys\":{}}"));
        assertEquals(ErrorCode.BODY_MALFORMED, failure("[]"));
        assertEquals(ErrorCode.BODY_MALFORMED, failure("{\"keys\":[{\"visitedCountries\":\"DE\"}]}"));
        assertEquals(ErrorCode.BODY_EMPTY,
                assertThrows(GatewayException.class, () -> DiagnosisKeyBatchReader.read(new byte[0], false)).code());
        assertEquals(ErrorCode.BODY_MALFORMED,
                assertThrows(GatewayException.class, () -> DiagnosisKeyBatchReader.read(new byte[] {10, 50, 1}, false))
                        .code());
    }
}
