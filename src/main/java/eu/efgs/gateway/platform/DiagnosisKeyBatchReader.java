package eu.efgs.gateway.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import eu.interop.ReportType;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads an uploaded {@code DiagnosisKeyBatch}: protobuf, or the original's JSON dialect (protobuf field names,
 * {@code days_since_onset_of_symptoms} — camelCase {@code daysSinceOnsetOfSymptoms} accepted too —, base64
 * keyData, enums by name or number, unknown fields and nulls skipped, lenient syntax).
 */
public final class DiagnosisKeyBatchReader {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build());

    private DiagnosisKeyBatchReader() {
    }

    public static DiagnosisKeyBatch read(byte[] body, boolean json) {
        if (body == null || body.length == 0) {
            throw new GatewayException(ErrorCode.BODY_EMPTY, null);
        }
        return json ? readJson(body) : readProtobuf(body);
    }

    private static DiagnosisKeyBatch readProtobuf(byte[] body) {
        try {
            return DiagnosisKeyBatch.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new GatewayException(ErrorCode.BODY_MALFORMED, "Not a protobuf DiagnosisKeyBatch: " + e.getMessage());
        }
    }

    private static DiagnosisKeyBatch readJson(byte[] body) {
        if (!plainUtf8(body)) {
            throw new GatewayException(ErrorCode.BODY_NOT_UTF8, null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new GatewayException(ErrorCode.BODY_MALFORMED, "Not a JSON DiagnosisKeyBatch: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.BODY_MALFORMED, "Not a JSON DiagnosisKeyBatch");
        }
        if (root == null || !root.isObject()) {
            throw new GatewayException(ErrorCode.BODY_MALFORMED, "The JSON body must be an object");
        }
        DiagnosisKeyBatch.Builder batch = DiagnosisKeyBatch.newBuilder();
        JsonNode keys = root.get("keys");
        if (keys != null && !keys.isNull()) {
            if (!keys.isArray()) {
                throw malformed("keys must be an array");
            }
            int index = 0;
            for (JsonNode key : keys) {
                batch.addKeys(readKey(key, index++));
            }
        }
        return batch.build();
    }

    private static DiagnosisKey readKey(JsonNode node, int index) {
        if (!node.isObject()) {
            throw malformed("keys[" + index + "] must be an object");
        }
        DiagnosisKey.Builder key = DiagnosisKey.newBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String where = "keys[" + index + "]." + field.getKey();
            switch (field.getKey()) {
                case "keyData" -> key.setKeyData(ByteString.copyFrom(base64(value, where)));
                case "rollingStartIntervalNumber" -> key.setRollingStartIntervalNumber(uint32(value, where));
                case "rollingPeriod" -> key.setRollingPeriod(uint32(value, where));
                case "transmissionRiskLevel" -> key.setTransmissionRiskLevel(int32(value, where));
                case "visitedCountries" -> {
                    if (!value.isArray()) {
                        throw malformed(where + " must be an array of strings");
                    }
                    value.forEach(country -> key.addVisitedCountries(text(country, where)));
                }
                case "origin" -> key.setOrigin(text(value, where));
                case "reportType" -> key.setReportTypeValue(reportType(value, where));
                case "days_since_onset_of_symptoms", "daysSinceOnsetOfSymptoms" ->
                        key.setDaysSinceOnsetOfSymptoms(int32(value, where));
                default -> {
                    // unknown fields are skipped, as the original did
                }
            }
        }
        return key.build();
    }

    private static byte[] base64(JsonNode value, String where) {
        try {
            return Base64.getDecoder().decode(text(value, where));
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorCode.KEY_DATA_NOT_BASE64, "Invalid Base64 in JSON object at " + where);
        }
    }

    private static int uint32(JsonNode value, String where) {
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > 0xFFFFFFFFL
                || !value.canConvertToLong()) {
            throw malformed(where + " must be an unsigned 32-bit integer");
        }
        return (int) value.asLong();
    }

    private static int int32(JsonNode value, String where) {
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw malformed(where + " must be a signed 32-bit integer");
        }
        return value.asInt();
    }

    private static String text(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw malformed(where + " must be a string");
        }
        return value.textValue();
    }

    private static int reportType(JsonNode value, String where) {
        if (value.isTextual()) {
            try {
                ReportType type = ReportType.valueOf(value.textValue());
                if (type != ReportType.UNRECOGNIZED) {
                    return type.getNumber();
                }
            } catch (IllegalArgumentException e) {
                // falls through
            }
        } else if (value.canConvertToExactIntegral() && value.canConvertToInt()
                && ReportType.forNumber(value.asInt()) != null) {
            return value.asInt();
        }
        throw new GatewayException(ErrorCode.REPORT_TYPE_UNKNOWN, "Unknown reportType at " + where + ": " + value);
    }

    /**
     * The original read JSON as UTF-8 only; a byte order mark, or the NUL bytes that UTF-16/32 put around ASCII,
     * would otherwise be decoded by Jackson's encoding detection into keys the uploader never signed that way.
     */
    private static boolean plainUtf8(byte[] body) {
        boolean bom = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
                && (body[2] & 0xFF) == 0xBF;
        boolean utf16Or32 = (body.length >= 2 && ((body[0] & 0xFF) >= 0xFE || body[0] == 0 || body[1] == 0));
        return !bom && !utf16Or32;
    }

    private static GatewayException malformed(String detail) {
        return new GatewayException(ErrorCode.BODY_MALFORMED, detail);
    }
}
