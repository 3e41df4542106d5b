package eu.efgs.gateway.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code fe80::/10}. */
public record CidrRange(byte[] network, int prefixLength) {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";

    /** Parses {@code address/prefix} (or a bare address, meaning a single host); literals only, no DNS. */
    public static CidrRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        String prefixText = slash < 0 ? Integer.toString(bytes.length * 8) : trimmed.substring(slash + 1);
        if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bytes.length * 8) {
            throw new IllegalArgumentException("Invalid prefix length in " + text + ": at most " + bytes.length * 8);
        }
        int prefix = Integer.parseInt(prefixText);
        return new CidrRange(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static byte[] literal(String address) {
        // Four decimal octets exactly: anything else of digits and dots (999.1.1.1, 1.2.3) would be looked up in DNS
        // or read in the BSD short form.
        boolean looksLiteral = address.contains(":") || address.matches(IPV4);
        if (!looksLiteral) {
            throw new IllegalArgumentException("Not an IP address literal: " + address);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address literal: " + address, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrRange c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
