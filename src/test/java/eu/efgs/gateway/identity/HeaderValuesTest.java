package eu.efgs.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    private static final String HEX = "00ab" + "cd".repeat(30);

    @Test
    void hexIsLowerCased() {
        assertEquals(Optional.of(HEX), HeaderValues.thumbprint(HEX.toUpperCase()));
    }

    @Test
    void base64OfHashBytesKeepsLeadingZeros() {
        byte[] hash = HexFormat.of().parseHex(HEX);
        assertEquals(Optional.of(HEX), HeaderValues.thumbprint(Base64.getEncoder().encodeToString(hash)));
    }

    @Test
    void urlEncodedBase64KeepsPlusAndSlash() {
        byte[] hash = new byte[32];
        java.util.Arrays.fill(hash, (byte) 0xfb); // base64 of 0xfb bytes is full of '+' and '/'
        String base64 = Base64.getEncoder().encodeToString(hash);
        assertTrue(base64.contains("+") && base64.contains("/"));
        String encoded = base64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        String expected = HexFormat.of().formatHex(hash);
        assertEquals(Optional.of(expected), HeaderValues.thumbprint(encoded));
        // A proxy that escapes only some characters leaves '+' literal: it must stay a plus.
        assertEquals(Optional.of(expected), HeaderValues.thumbprint(base64.replace("=", "%3D")));
    }

    @Test
    void garbageIsEmpty() {
        for (String bad : List.of("", "xyz", "%", "%zz", "abcd", Base64.getEncoder().encodeToString(new byte[31]))) {
            assertEquals(Optional.empty(), HeaderValues.thumbprint(bad), bad);
        }
        assertEquals(Optional.empty(), HeaderValues.thumbprint(null));
    }

    @Test
    void distinguishedNameCountries() {
        assertEquals(List.of("DE"), DistinguishedNames.countries("C=DE"));
        assertEquals(List.of("DE"), DistinguishedNames.countries("c=de"));
        assertEquals(List.of("DE"), DistinguishedNames.countries("ST=Some-State, C=DE, O=Internet Widgits, CN=x"));
        assertEquals(List.of("DE"), DistinguishedNames.countries("O=Test Firma GmbH,C=DE,U=,TR,TT=43"));
        assertEquals(List.of("NL"), DistinguishedNames.countries("CN=nl-efgs,O=Ministerie van VWS,C=NL"));
        assertEquals(List.of("FR"), DistinguishedNames.countries("O=Foo\\, C=DE Inc.,C=FR"));
        assertEquals(List.of("FR"), DistinguishedNames.countries("O=\"Foo, C=DE\",C=FR"));
        assertEquals(List.of("DE", "FR"), DistinguishedNames.countries("C=DE,O=x,C=FR"));
        assertEquals(List.of("DE", "FR"), DistinguishedNames.countries("C=DE+C=FR,O=x"));
        assertEquals(List.of(), DistinguishedNames.countries("CN=no country"));
    }

    @Test
    void forwardedCertificateForms() {
        String body = "MIIB" + "A".repeat(100) + "+/==";
        String pem = "-----BEGIN CERTIFICATE-----\n" + body.substring(0, 64) + "\n" + body.substring(64)
                + "\n-----END CERTIFICATE-----\n";
        String nginx = pem.replace("-----BEGIN CERTIFICATE-----\n", "-----BEGIN%20CERTIFICATE-----%0A")
                .replace("\n-----END CERTIFICATE-----\n", "%0A-----END%20CERTIFICATE-----%0A")
                .replace("\n", "%0A").replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        assertEquals(Optional.of(pem), HeaderValues.certificatePem(nginx));
        assertEquals(Optional.of(pem), HeaderValues.certificatePem(pem.replace("\n", " ")));
        assertEquals(Optional.of(pem), HeaderValues.certificatePem(body));
        assertEquals(Optional.empty(), HeaderValues.certificatePem("not a certificate!"));
        assertEquals(Optional.empty(), HeaderValues.certificatePem("%zz"));
    }
}
