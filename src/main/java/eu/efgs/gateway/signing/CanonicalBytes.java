package eu.efgs.gateway.signing;

import eu.interop.DiagnosisKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The byte stream a national backend signs (EFGS §5.2), frozen: per key, eight fields each followed by '.':
 * base64(keyData), base64 of the 4-byte big-endian RSIN, rolling period, TRL, base64 of the visited countries
 * joined by ',' (US-ASCII), base64(origin), base64 of the numeric report type, base64 of DSOS. A batch is the
 * per-key streams sorted by the base64 text of each whole stream, concatenated. keyData is handled as bytes;
 * uint32 values of 2^31 and more give the same four bytes as the original's int.
 */
public final class CanonicalBytes {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final byte SEPARATOR = '.';

    private CanonicalBytes() {
    }

    /** The stream of one key. */
    public static byte[] of(DiagnosisKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        field(out, key.getKeyData().toByteArray());
        field(out, int32(key.getRollingStartIntervalNumber()));
        field(out, int32(key.getRollingPeriod()));
        field(out, int32(key.getTransmissionRiskLevel()));
        field(out, String.join(",", key.getVisitedCountriesList()).getBytes(StandardCharsets.US_ASCII));
        field(out, key.getOrigin().getBytes(StandardCharsets.US_ASCII));
        field(out, int32(key.getReportTypeValue()));
        field(out, int32(key.getDaysSinceOnsetOfSymptoms()));
        return out.toByteArray();
    }

    /** The signed stream of a batch, in canonical order. */
    public static byte[] of(List<DiagnosisKey> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(keys.size() * 96);
        for (Entry entry : sorted(keys)) {
            out.writeBytes(entry.stream());
        }
        return out.toByteArray();
    }

    /** A key with its stream and its position in the request. */
    public record Entry(int requestIndex, DiagnosisKey key, byte[] stream, String sortKey) {
    }

    /** The keys in canonical (signature) order, with their streams. */
    public static List<Entry> sorted(List<DiagnosisKey> keys) {
        List<Entry> entries = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            byte[] stream = of(keys.get(i));
            entries.add(new Entry(i, keys.get(i), stream, BASE64.encodeToString(stream)));
        }
        entries.sort(Comparator.comparing(Entry::sortKey));
        return entries;
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(BASE64.encode(value));
        out.write(SEPARATOR);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
