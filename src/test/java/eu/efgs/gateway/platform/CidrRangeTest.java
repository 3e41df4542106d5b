package eu.efgs.gateway.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrRangeTest {

    @Test
    void ipv4Ranges() throws Exception {
        CidrRange range = CidrRange.parse("100.64.0.0/10");
        assertTrue(range.contains(InetAddress.getByName("100.64.0.1")));
        assertTrue(range.contains(InetAddress.getByName("100.127.255.255")));
        assertFalse(range.contains(InetAddress.getByName("100.128.0.0")));
        assertFalse(range.contains(InetAddress.getByName("::1")));
    }

    @Test
    void singleHostAndIpv6() throws Exception {
        assertTrue(CidrRange.parse("127.0.0.2").contains(InetAddress.getByName("127.0.0.2")));
        assertFalse(CidrRange.parse("127.0.0.2").contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(CidrRange.parse("fe80::/10").contains(InetAddress.getByName("febf::1")));
        assertFalse(CidrRange.parse("fe80::/10").contains(InetAddress.getByName("fec0::1")));
    }

    @Test
    void rejectsHostNamesAndBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("example.org/8"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("10.0.0.0/33"));
        // Digits and dots that are no four octets are refused, not looked up in DNS or read in the BSD short form.
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("999.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("10.1.2"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("10.0.0.0/-1"));
    }
}
