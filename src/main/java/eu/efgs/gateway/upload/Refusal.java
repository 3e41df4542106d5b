package eu.efgs.gateway.upload;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refused upload as it is kept for the dashboard: who, when, the tag sent, the code and the first finding (the
 * error's detail). Details name indexes and rules, but a parser message may quote the body (an unquoted keyData
 * becomes "Unrecognized token '…'"), and key data must never be kept: quoted fragments and runs of 16 or more
 * base64/hex characters with a digit or symbol in them are masked, and the text is cut to 256 characters.
 */
public record Refusal(Instant refusedAt, String country, String batchTag, String code, int status,
                      String firstFinding) {

    static final int MAX_FINDING = 256;
    static final int MAX_TAG = 64;
    private static final String MASK = "…";
    private static final Pattern QUOTED = Pattern.compile("'[^']*'?");
    private static final Pattern ENCODED_RUN = Pattern.compile("[A-Za-z0-9+/_=-]{16,}");

    /** {@code batchTag} may be absent (empty) or malformed: kept as printable ASCII, at most 64 characters. */
    public static Refusal of(Instant refusedAt, String country, String batchTag, String code, int status,
                             String detail) {
        return new Refusal(refusedAt, country, printable(batchTag, MAX_TAG, true), code, status, finding(detail));
    }

    static String finding(String detail) {
        String masked = QUOTED.matcher(detail == null ? "" : detail).replaceAll("'" + MASK + "'");
        Matcher runs = ENCODED_RUN.matcher(masked);
        StringBuilder out = new StringBuilder();
        while (runs.find()) {
            // identifiers (rollingStartIntervalNumber, ROLLING_PERIOD) have no digits; encoded bytes almost always do
            boolean identifier = runs.group().chars().allMatch(c -> Character.isLetter(c) || c == '_');
            runs.appendReplacement(out, identifier ? "$0" : MASK);
        }
        runs.appendTail(out);
        String text = out.length() > MAX_FINDING ? out.substring(0, MAX_FINDING - 1) + MASK : out.toString();
        return printable(text, MAX_FINDING, false);
    }

    private static String printable(String text, int max, boolean asciiOnly) {
        StringBuilder out = new StringBuilder();
        (text == null ? "" : text).codePoints().limit(max).forEach(c -> out.appendCodePoint(
                c < 0x20 || c == 0x7F || (asciiOnly && c > 0x7F) ? '?' : c));
        return out.toString();
    }
}
