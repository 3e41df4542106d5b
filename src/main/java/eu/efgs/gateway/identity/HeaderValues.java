package eu.efgs.gateway.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Decoding of the identity headers a load balancer sends. */
public final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * A thumbprint header as canonical lowercase, zero-padded hex: accepts 64 hex digits in either case, or the
     * base64 of the 32 hash bytes, either of them URL-encoded or not. Anything else is empty.
     */
    public static Optional<String> thumbprint(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Optional<String> decoded = urlDecoded(header.trim());
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String value = decoded.get().trim();
        if (value.matches("[0-9a-fA-F]{64}")) {
            return Optional.of(value.toLowerCase(Locale.ROOT));
        }
        try {
            byte[] hash = Base64.getDecoder().decode(value);
            return hash.length == 32 ? Optional.of(HexFormat.of().formatHex(hash)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Percent-decodes text that contains escapes. A literal {@code +} stays a plus sign: it is part of base64
     * and of RFC 4514, and the original's form-decoding turned it into a space. Malformed escapes are empty.
     */
    public static Optional<String> urlDecoded(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.contains("%")) {
            return Optional.of(value);
        }
        try {
            return Optional.of(URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The forwarded client certificate as PEM text: URL-encoded PEM (nginx {@code $ssl_client_escaped_cert}, with
     * {@code %20} or {@code +} for spaces), PEM flattened onto one line, or bare base64 DER. Empty when malformed.
     */
    public static Optional<String> certificatePem(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String text;
        try {
            text = header.contains("%") ? URLDecoder.decode(header, StandardCharsets.UTF_8) : header;
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String begin = "-----BEGIN CERTIFICATE-----";
        String end = "-----END CERTIFICATE-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String body = from >= 0 && to > from ? text.substring(from + begin.length(), to) : text;
        body = body.replaceAll("\\s", "");
        if (body.isEmpty() || !body.matches("[A-Za-z0-9+/=]+")) {
            return Optional.empty();
        }
        StringBuilder pem = new StringBuilder(begin).append('\n');
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        return Optional.of(pem.append(end).append('\n').toString());
    }
}
