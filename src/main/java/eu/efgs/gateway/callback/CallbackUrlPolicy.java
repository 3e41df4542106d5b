package eu.efgs.gateway.callback;

import eu.efgs.gateway.platform.CidrRange;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which callback URLs are acceptable (SSRF protection): https only, no query, a host whose every resolved address
 * (IPv4 and IPv6) is public. Checked at registration and again before every send; the send then connects to the
 * addresses that were checked. The original checked only the first address and had bogus "octal" entries.
 */
public final class CallbackUrlPolicy {

    public static final int MAX_URL_LENGTH = 1024;

    /** Why a URL is refused, or OK. */
    public enum Reason { OK, MALFORMED, TOO_LONG, NOT_HTTPS, HAS_QUERY, NO_HOST, UNRESOLVABLE, NOT_PUBLIC }

    /** The verdict, with the checked addresses when OK. */
    public record Verdict(Reason reason, String detail, List<InetAddress> addresses) {
        public boolean ok() {
            return reason == Reason.OK;
        }
    }

    /** Resolves a host name to all its addresses (the system resolver in production, a fake in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<CidrRange> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
            "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10",
            "ff00::/8").stream().map(CidrRange::parse).toList();

    private final boolean allowPrivate;
    private final Resolver resolver;

    public CallbackUrlPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The policy the gateway applies: the configured address rule, the system resolver. */
    public static CallbackUrlPolicy of(CallbackConfig config) {
        return new CallbackUrlPolicy(config.allowPrivateAddresses(), InetAddress::getAllByName);
    }

    public Verdict check(String url) {
        if (url == null || url.isBlank()) {
            return refuse(Reason.MALFORMED, "url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return refuse(Reason.TOO_LONG, "at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return refuse(Reason.MALFORMED, e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return refuse(Reason.NOT_HTTPS, "only https callbacks are allowed");
        }
        if (uri.getRawQuery() != null || url.contains("?")) {
            return refuse(Reason.HAS_QUERY, "the gateway adds batchTag and date itself");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return refuse(Reason.NO_HOST, "no host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return refuse(Reason.UNRESOLVABLE, "host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            return refuse(Reason.UNRESOLVABLE, "host " + host + " does not resolve");
        }
        if (!allowPrivate) {
            Optional<InetAddress> blocked = Arrays.stream(addresses).filter(CallbackUrlPolicy::notPublic).findFirst();
            if (blocked.isPresent()) {
                return refuse(Reason.NOT_PUBLIC, host + " resolves to the non-public address "
                        + blocked.get().getHostAddress().toLowerCase(Locale.ROOT));
            }
        }
        return new Verdict(Reason.OK, null, List.of(addresses));
    }

    /** True for addresses a callback must never reach (IPv4-mapped IPv6 addresses are judged as IPv4). */
    static boolean notPublic(InetAddress address) {
        InetAddress judged = address;
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
                try {
                    judged = InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        InetAddress candidate = judged;
        return NOT_PUBLIC.stream().anyMatch(range -> range.contains(candidate));
    }

    private static Verdict refuse(Reason reason, String detail) {
        return new Verdict(reason, detail, List.of());
    }
}
