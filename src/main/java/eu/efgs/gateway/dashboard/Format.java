package eu.efgs.gateway.dashboard;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page writes times and durations ({@code {fmt:utc(...)}} in the template); all times UTC. */
@TemplateExtension(namespace = "fmt")
public final class Format {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** An instant in UTC, or a dash for none. */
    static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    /** A duration for people: seconds below two minutes, then minutes, then hours. */
    static String seconds(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** The first 12 hex digits of a thumbprint (the full one is in the element's title). */
    static String shortThumbprint(String thumbprint) {
        return thumbprint.length() > 12 ? thumbprint.substring(0, 12) + "…" : thumbprint;
    }
}
