package eu.efgs.gateway.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import eu.interop.DiagnosisKey;
import eu.interop.ReportType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JSON batch put together from per-upload fragments reads as the whole batch, in the original's dialect. */
class DiagnosisKeyBatchWriterTest {

    private static DiagnosisKey key(int interval, String origin) {
        return DiagnosisKey.newBuilder().setKeyData(ByteString.copyFrom(new byte[16])).setRollingStartIntervalNumber(
                interval).setRollingPeriod(144).setTransmissionRiskLevel(2).addVisitedCountries("DE")
                .setOrigin(origin).setReportType(ReportType.CONFIRMED_TEST).build();
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void fragmentsJoinIntoOneBatchAndEmptyFragmentsLeaveNoTrace() {
        List<DiagnosisKey> first = List.of(key(1, "FR"), key(2, "FR"));
        List<DiagnosisKey> second = List.of(key(3, "NL"));
        List<byte[]> fragments = List.of(DiagnosisKeyBatchWriter.jsonFragment(first), new byte[0],
                DiagnosisKeyBatchWriter.jsonFragment(second));

        String joined = new String(DiagnosisKeyBatchWriter.jsonBatch(fragments), StandardCharsets.UTF_8);

        List<DiagnosisKey> read = DiagnosisKeyBatchReader.read(joined.getBytes(StandardCharsets.UTF_8), true)
                .getKeysList();
        assertEquals(List.of(key(1, "FR"), key(2, "FR"), key(3, "NL")), read);
        assertEquals(joined, new String(DiagnosisKeyBatchWriter.jsonBatch(List.of(
                DiagnosisKeyBatchWriter.jsonFragment(List.of(key(1, "FR"), key(2, "FR"), key(3, "NL"))))),
                StandardCharsets.UTF_8), "the same bytes as the batch written in one piece");
    }

    @Test
    void aBufferOutsideTheHeapHoldsExactlyTheSameBytes() {
        List<byte[]> fragments = List.of(DiagnosisKeyBatchWriter.jsonFragment(List.of(key(1, "FR"))),
                DiagnosisKeyBatchWriter.jsonFragment(List.of(key(2, "NL"))));
        ByteBuffer direct = DiagnosisKeyBatchWriter.jsonBatch(fragments, ByteBuffer::allocateDirect);

        assertEquals(direct.capacity(), direct.remaining(), "sized exactly: nothing unused after the body");
        assertEquals(new String(DiagnosisKeyBatchWriter.jsonBatch(fragments), StandardCharsets.UTF_8), text(direct));
    }

    @Test
    void anEmptyBatchIsTheEmptyObjectAsTheOriginalPrintsIt() {
        assertEquals("{}", new String(DiagnosisKeyBatchWriter.jsonBatch(List.of()), StandardCharsets.UTF_8));
        assertEquals("{}", text(DiagnosisKeyBatchWriter.jsonBatch(List.of(new byte[0]), ByteBuffer::allocateDirect)));
    }
}
