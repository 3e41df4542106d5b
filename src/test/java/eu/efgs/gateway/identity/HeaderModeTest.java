package eu.efgs.gateway.identity;

import static org.hamcrest.Matchers.equalTo;

import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.RawHttp;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Load-balancer header mode over real sockets. The test profile trusts the proxy 127.0.0.2 only; requests from
 * 127.0.0.1 stand for anyone else on the network.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class HeaderModeTest {

    private static final String TRUSTED_PROXY = "127.0.0.2";
    private static final String UNTRUSTED = "127.0.0.1";

    @Inject
    CertificateLifecycle onboarding;

    private Pki.Credential fr;
    private String hex;

    @BeforeEach
    void onboard() {
        fr = Countries.onboarded(onboarding, "FR", CertificateType.AUTHENTICATION);
        hex = Thumbprints.of(fr.certificate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lower-hex", "upper-hex", "base64", "url-encoded-base64"})
    void thumbprintFormsFromTrustedProxyAreAccepted(String form) {
        byte[] hash = HexFormat.of().parseHex(hex);
        String header = switch (form) {
            case "lower-hex" -> hex;
            case "upper-hex" -> hex.toUpperCase();
            case "base64" -> Base64.getEncoder().encodeToString(hash);
            default -> URLEncoder.encode(Base64.getEncoder().encodeToString(hash), StandardCharsets.UTF_8);
        };
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", header)
                .header("X-SSL-Client-DN", "C=FR")
                .get("/diagnosiskeys/identity").then()
                .statusCode(200)
                .body("country", equalTo("FR"))
                .body("thumbprint", equalTo(hex))
                .body("source", equalTo("PROXY_HEADERS"));
    }

    /** DN forms real clients send (client-expectations.md), URL-encoded or not. */
    @ParameterizedTest
    @ValueSource(strings = {
        "C=FR",
        "CN=efgs-client,OU=IT,O=Sante publique,L=Paris,ST=IDF,C=FR",
        "ST=Some-State, C=FR, O=Internet Widgits Pty Ltd, CN=test",
        "CN=efgs client,O=Agence,C=FR",
        "O=Test Firma GmbH,C=FR,U=,TR,TT=43",
        "CN%3Defgs-client%2CO%3DSant%C3%A9%20publique%2CC%3DFR",
        "O=Foo\\, Inc.,C=FR"
    })
    void distinguishedNameForms(String dn) {
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", dn)
                .get("/diagnosiskeys/identity").then()
                .statusCode(200)
                .body("country", equalTo("FR"));
    }

    /**
     * The balancer sets thumbprint and DN (as EFGS's did) and passes other headers through: a client adding its
     * own X-SSL-Client-Cert with another country's public certificate stays itself.
     */
    @Test
    void aCertificateHeaderTheProxyDoesNotSetCannotImpersonate() {
        Pki.Credential de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=FR")
                .header("X-SSL-Client-Cert", URLEncoder.encode(de.pem(), StandardCharsets.UTF_8))
                .get("/diagnosiskeys/identity").then()
                .statusCode(200)
                .body("country", equalTo("FR"))
                .body("thumbprint", equalTo(hex));
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-Cert", URLEncoder.encode(de.pem(), StandardCharsets.UTF_8))
                .get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_MISSING"));
    }

    @Test
    void aRepeatedIdentityHeaderIsRefusedNeverFirstWins() {
        Pki.Credential de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", Thumbprints.of(de.certificate()))
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=DE")
                .get("/diagnosiskeys/identity").then()
                .statusCode(400)
                .body("code", equalTo("HEADER_REPEATED"));
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=FR")
                .header("X-SSL-Client-DN", "C=DE")
                .get("/diagnosiskeys/identity").then()
                .statusCode(400)
                .body("code", equalTo("HEADER_REPEATED"));
    }

    /** A trusted proxy that forwards no identity but connects with mutual TLS itself is identified by that. */
    @Test
    void withoutIdentityHeadersTheTlsCertificateOfATrustedProxyConnectionIdentifies() {
        try (RawHttp connection = RawHttp.tls(fr, TRUSTED_PROXY)) {
            RawHttp.Reply reply = connection.send("GET /diagnosiskeys/identity HTTP/1.1\r\nHost: a\r\n\r\n")
                    .read(java.time.Duration.ofSeconds(2));
            org.junit.jupiter.api.Assertions.assertEquals(200, reply.status(), reply.text());
            org.junit.jupiter.api.Assertions.assertTrue(reply.body().contains("\"source\":\"TLS\""), reply.body());
        }
    }

    @Test
    void theDashboardBehindTheBalancerIsTheIdentifiedCountrysOwn() {
        String page = Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=FR")
                .get("/dashboard").then()
                .statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("id=\"viewer\" data-country=\"FR\" "
                + "data-operator=\"false\""), "FR sees its own page, not the operator's");
        Https.plainFrom(UNTRUSTED)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=FR")
                .get("/dashboard").then()
                .statusCode(403);
    }

    @Test
    void forgedHeadersFromUntrustedAddressAreIgnored() {
        Https.plainFrom(UNTRUSTED)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=FR")
                .get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_MISSING"));
    }

    @Test
    void headersOverTlsFromUntrustedAddressDoNotReplaceTheTlsIdentity() {
        Pki.Credential stranger = Pki.selfSigned("C=FR,CN=stranger", Pki.KeyType.EC_P256);
        Https.as(stranger)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=FR")
                .get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .body("code", equalTo("CLIENT_NOT_AUTHORIZED"));
    }

    @Test
    void missingHeadersAreForbidden() {
        Https.plainFrom(TRUSTED_PROXY).header("X-SSL-Client-DN", "C=FR")
                .get("/diagnosiskeys/identity").then().statusCode(403);
        Https.plainFrom(TRUSTED_PROXY).header("X-SSL-Client-SHA256", hex)
                .get("/diagnosiskeys/identity").then().statusCode(403);
    }

    @Test
    void distinguishedNameWithoutCountryIsBadRequest() {
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "CN=no country,O=Agence")
                .get("/diagnosiskeys/identity").then()
                .statusCode(400)
                .body("code", equalTo("CLIENT_COUNTRY_MISSING"));
    }

    @Test
    void countryOfTheDnMustMatchTheRegistry() {
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", hex)
                .header("X-SSL-Client-DN", "C=DE")
                .get("/diagnosiskeys/identity").then()
                .statusCode(403);
    }

    @Test
    void malformedThumbprintIsTreatedAsMissing() {
        Https.plainFrom(TRUSTED_PROXY)
                .header("X-SSL-Client-SHA256", "%zz")
                .header("X-SSL-Client-DN", "C=FR")
                .get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_MISSING"));
    }
}
