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
}
