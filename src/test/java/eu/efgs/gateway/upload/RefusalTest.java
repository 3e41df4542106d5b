package eu.efgs.gateway.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What a recorded refusal keeps: findings that name rules, never encoded bytes, bounded and printable. */
class RefusalTest {

    private static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void ruleFindingsAreKeptWord_for_word() {
        String detail = "Key 3: rollingStartIntervalNumber outside the accepted window (ROLLING_START_INTERVAL_NUMBER)";
        assertEquals(detail, Refusal.finding(detail));
    }

    @Test
    void quotedFragmentsAndEncodedRunsAreMasked() {
        String base64 = Base64.getEncoder().encodeToString(KEY);
        String hex = HexFormat.of().formatHex(KEY);
        String jackson = "Not a JSON DiagnosisKeyBatch: Unrecognized token '" + base64 + "': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
        String masked = Refusal.finding(jackson);
        assertFalse(masked.contains(base64), masked);
        assertTrue(masked.startsWith("Not a JSON DiagnosisKeyBatch: Unrecognized token '…'"), masked);
        String unquoted = Refusal.finding("payload " + base64 + " and " + hex);
        assertEquals("payload … and …", unquoted);
    }

    @Test
    void boundedAndPrintable() {
        Refusal refusal = Refusal.of(Instant.EPOCH, "DE", "tag\nwith ü and a very long tail ".repeat(5), "KEY_INVALID",
                400, "x".repeat(1000) + "\u0007");
        assertEquals(Refusal.MAX_TAG, refusal.batchTag().length());
        assertTrue(refusal.batchTag().startsWith("tag?with ? and"), refusal.batchTag());
        assertEquals(Refusal.MAX_FINDING, refusal.firstFinding().length());
        assertEquals("", Refusal.of(Instant.EPOCH, "DE", null, "BATCH_TAG_MISSING", 400, null).batchTag());
    }
}
