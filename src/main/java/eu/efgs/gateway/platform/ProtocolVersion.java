package eu.efgs.gateway.platform;

import jakarta.ws.rs.core.MediaType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code version} media-type parameter of the EFGS API: exactly two decimal integers, equal to 1.0 (the
 * original compares numbers, so {@code 01.00} passes and {@code 1.0.0} does not).
 */
public final class ProtocolVersion {

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");

    /** How a version parameter compares to the supported one. */
    public enum Check { SUPPORTED, MISSING, MALFORMED, UNSUPPORTED }

    private ProtocolVersion() {
    }

    /**
     * Checks {@code mediaType}'s version; {@code rawHeader} is the header text it was parsed from. JAX-RS unquotes
     * parameter values, the original did not: {@code version="1.0"} is no version to it, so neither to us.
     */
    public static Check check(MediaType mediaType, String rawHeader) {
        Check check = check(mediaType);
        if (check == Check.SUPPORTED && rawHeader != null && quotedVersion(rawHeader, mediaType)) {
            return Check.MALFORMED;
        }
        return check;
    }

    private static boolean quotedVersion(String rawHeader, MediaType mediaType) {
        for (String item : rawHeader.split(",")) {
            String[] parts = item.split(";");
            if (!parts[0].trim().equalsIgnoreCase(mediaType.getType() + "/" + mediaType.getSubtype())) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].split("=", 2);
                if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("version")
                        && parameter[1].trim().startsWith("\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static Check check(MediaType mediaType) {
        String version = mediaType == null ? null : mediaType.getParameters().get("version");
        if (version == null) {
            return Check.MISSING;
        }
        Matcher matcher = MAJOR_MINOR.matcher(version.trim());
        if (!matcher.matches()) {
            return Check.MALFORMED;
        }
        boolean supported = Integer.parseInt(matcher.group(1)) == 1 && Integer.parseInt(matcher.group(2)) == 0;
        return supported ? Check.SUPPORTED : Check.UNSUPPORTED;
    }

    /** The upload's answer to a version problem (400 for missing/malformed, 406 for another version). */
    public static void requireForUpload(MediaType contentType, String rawHeader) {
        switch (check(contentType, rawHeader)) {
            case SUPPORTED -> { }
            case MISSING -> throw new GatewayException(ErrorCode.VERSION_MISSING, null);
            case MALFORMED -> throw new GatewayException(ErrorCode.VERSION_MALFORMED, null);
            case UNSUPPORTED -> throw new GatewayException(ErrorCode.VERSION_NOT_SUPPORTED, null);
            default -> throw new IllegalStateException();
        }
    }
}
