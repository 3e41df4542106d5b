package eu.efgs.gateway.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTest {

    /** Host names of the tests resolve through this table, never through DNS. */
    private static final Map<String, List<String>> DNS = Map.of(
            "public.example", List.of("8.8.8.8", "2001:4860:4860::8888"),
            "loopback.example", List.of("127.0.0.1"),
            "private.example", List.of("10.1.2.3"),
            "v6-loopback.example", List.of("::1"),
            "link-local.example", List.of("fe80::1"),
            "cgnat.example", List.of("100.64.0.1"),
            "ula.example", List.of("fd12:3456::1"),
            "second-address-private.example", List.of("8.8.8.8", "192.168.1.10"),
            "mapped.example", List.of("::ffff:10.0.0.1"));

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    }

    private static CallbackUrlPolicy.Reason check(String url) {
        return new CallbackUrlPolicy(false, CallbackUrlPolicyTest::resolve).check(url).reason();
    }

    @Test
    void publicHttpsUrlsPass() {
        assertEquals(CallbackUrlPolicy.Reason.OK, check("https://public.example/callback"));
        assertEquals(CallbackUrlPolicy.Reason.OK, check("https://public.example:8443/a/b#fragment"));
        assertEquals(CallbackUrlPolicy.Reason.OK, check("https://8.8.8.8/callback"));
        assertEquals(2, new CallbackUrlPolicy(false, CallbackUrlPolicyTest::resolve)
                .check("https://public.example/x").addresses().size());
    }

    @Test
    void schemeQueryAndShape() {
        assertEquals(CallbackUrlPolicy.Reason.NOT_HTTPS, check("http://public.example/callback"));
        assertEquals(CallbackUrlPolicy.Reason.HAS_QUERY, check("https://public.example/callback?x=1"));
        assertEquals(CallbackUrlPolicy.Reason.HAS_QUERY, check("https://public.example/callback?"));
        assertEquals(CallbackUrlPolicy.Reason.MALFORMED, check("https://public example/"));
        assertEquals(CallbackUrlPolicy.Reason.MALFORMED, check(null));
        assertEquals(CallbackUrlPolicy.Reason.TOO_LONG, check("https://public.example/" + "a".repeat(1024)));
        assertEquals(CallbackUrlPolicy.Reason.UNRESOLVABLE, check("https://nowhere.example/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback.example", "private.example", "v6-loopback.example", "link-local.example",
        "cgnat.example", "ula.example", "second-address-private.example", "mapped.example", "127.0.0.2",
        "172.16.5.4", "169.254.1.1", "0.0.0.0", "224.0.0.1", "[::]", "[fe80::1]", "[ff02::1]"})
    void nonPublicAddressesAreRefused(String host) {
        assertEquals(CallbackUrlPolicy.Reason.NOT_PUBLIC, check("https://" + host + "/callback"), host);
    }

    @Test
    void testSettingAllowsPrivateAddresses() {
        var verdict = new CallbackUrlPolicy(true, CallbackUrlPolicyTest::resolve).check("https://loopback.example/cb");
        assertTrue(verdict.ok());
    }

    @Test
    void originalOctalEntriesDoNotBlockPublicRanges() {
        assertEquals(CallbackUrlPolicy.Reason.OK, check("https://177.1.2.3/cb"));
        assertEquals(CallbackUrlPolicy.Reason.OK, check("https://144.64.1.1/cb"));
    }
}
