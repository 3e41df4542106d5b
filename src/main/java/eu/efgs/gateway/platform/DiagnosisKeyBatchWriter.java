package eu.efgs.gateway.platform;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import eu.interop.ReportType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes keys as protobuf and in the original's JSON dialect (protobuf-java-format): declared field names, only
 * non-default values, uint32 unsigned, keyData base64, enums by name, {@code "name": value} pairs joined by ','.
 * Protobuf batches concatenate (repeated fields merge) and JSON key lists join with ',', so a download is
 * assembled from per-upload slices without re-encoding any key.
 */
public final class DiagnosisKeyBatchWriter {

    private static final byte[] JSON_OPEN = "{\"keys\": [".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_EMPTY = "{}".getBytes(StandardCharsets.US_ASCII);

    private DiagnosisKeyBatchWriter() {
    }

    public static byte[] protobuf(List<DiagnosisKey> keys) {
        return DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray();
    }

    /** The keys as JSON objects joined by ',' (a fragment of the {@code keys} array). */
    public static byte[] jsonFragment(List<DiagnosisKey> keys) {
        StringBuilder out = new StringBuilder(keys.size() * 260);
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendKey(out, keys.get(i));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A whole JSON batch from fragments; an empty batch is {@code {}}, as the original prints it. */
    public static byte[] jsonBatch(List<byte[]> fragments) {
        return jsonBatch(fragments, ByteBuffer::allocate).array();
    }

    /**
     * The same, written into a buffer of exactly its size taken from {@code allocate} (e.g. outside the heap, with
     * no copy on the heap on the way) and ready to be read.
     */
    public static ByteBuffer jsonBatch(List<byte[]> fragments, IntFunction<ByteBuffer> allocate) {
        List<byte[]> present = fragments.stream().filter(fragment -> fragment.length > 0).toList();
        if (present.isEmpty()) {
            return allocate.apply(JSON_EMPTY.length).put(JSON_EMPTY).flip();
        }
        // sized once: it may be built on the event loop, for the first download of a batch read ahead
        ByteBuffer out = allocate.apply(JSON_OPEN.length + JSON_CLOSE.length + present.size() - 1
                + present.stream().mapToInt(fragment -> fragment.length).sum());
        out.put(JSON_OPEN);
        for (int i = 0; i < present.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            out.put(present.get(i));
        }
        return out.put(JSON_CLOSE).flip();
    }

    private static void appendKey(StringBuilder out, DiagnosisKey key) {
        StringBuilder fields = new StringBuilder(256);
        if (!key.getKeyData().isEmpty()) {
            field(fields, "keyData").append('"').append(Base64.getEncoder().encodeToString(key.getKeyData()
                    .toByteArray())).append('"');
        }
        if (key.getRollingStartIntervalNumber() != 0) {
            field(fields, "rollingStartIntervalNumber")
                    .append(Integer.toUnsignedString(key.getRollingStartIntervalNumber()));
        }
        if (key.getRollingPeriod() != 0) {
            field(fields, "rollingPeriod").append(Integer.toUnsignedString(key.getRollingPeriod()));
        }
        if (key.getTransmissionRiskLevel() != 0) {
            field(fields, "transmissionRiskLevel").append(key.getTransmissionRiskLevel());
        }
        if (key.getVisitedCountriesCount() > 0) {
            field(fields, "visitedCountries").append('[');
            for (int i = 0; i < key.getVisitedCountriesCount(); i++) {
                fields.append(i == 0 ? "" : ",");
                string(fields, key.getVisitedCountries(i));
            }
            fields.append(']');
        }
        if (!key.getOrigin().isEmpty()) {
            string(field(fields, "origin"), key.getOrigin());
        }
        if (key.getReportTypeValue() != 0) {
            ReportType type = ReportType.forNumber(key.getReportTypeValue());
            if (type == null) {
                field(fields, "reportType").append(key.getReportTypeValue());
            } else {
                string(field(fields, "reportType"), type.name());
            }
        }
        if (key.getDaysSinceOnsetOfSymptoms() != 0) {
            field(fields, "days_since_onset_of_symptoms").append(key.getDaysSinceOnsetOfSymptoms());
        }
        out.append('{').append(fields).append('}');
    }

    private static StringBuilder field(StringBuilder fields, String name) {
        if (fields.length() > 0) {
            fields.append(',');
        }
        return fields.append('"').append(name).append("\": ");
    }

    private static void string(StringBuilder out, String value) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
    }
}
