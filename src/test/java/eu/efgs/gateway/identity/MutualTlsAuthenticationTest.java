package eu.efgs.gateway.identity;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Countries;
import eu.efgs.gateway.testing.GatewayTestResource;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Native mutual TLS over real sockets, with certificates generated here and sealed by the test anchor. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class MutualTlsAuthenticationTest {

    @Inject
    CertificateLifecycle onboarding;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void registeredAuthenticationCertificateIsIdentified() {
        Pki.Credential de = Countries.onboarded(onboarding, "DE", CertificateType.AUTHENTICATION);
        Https.as(de).get("/diagnosiskeys/identity").then()
                .statusCode(200)
                .body("country", equalTo("DE"))
                .body("thumbprint", equalTo(Thumbprints.of(de.certificate())))
                .body("source", equalTo("TLS"));
    }

    @Test
    void unknownCertificateIsForbidden() {
        Pki.Credential stranger = Pki.selfSigned("C=DE,CN=stranger", Pki.KeyType.EC_P256);
        Https.as(stranger).get("/diagnosiskeys/identity").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("CLIENT_NOT_AUTHORIZED"));
    }

    @Test
    void withoutClientCertificateTheHandshakeFails() throws Exception {
        try (SSLSocket socket = (SSLSocket) Https.context(null).getSocketFactory()
                .createSocket("localhost", Https.httpsPort())) {
            socket.setSoTimeout(5000);
            assertThrows(IOException.class, () -> {
                OutputStream out = socket.getOutputStream();
                out.write("GET /diagnosiskeys/identity HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                if (in.read() < 0) {
                    throw new IOException("closed without a response");
                }
            });
        }
    }

    @Test
    void certificateOfAnotherTypeOrCountryIsForbidden() {
        Pki.Credential signing = Countries.onboarded(onboarding, "FR", CertificateType.SIGNING);
        Https.as(signing).get("/diagnosiskeys/identity").then().statusCode(403)
                .body("code", equalTo("CLIENT_NOT_AUTHORIZED"));
    }

    @Test
    void certificateWithoutCountryIsBadRequest() {
        Pki.Credential noCountry = Pki.selfSigned("O=Nowhere,CN=no country", Pki.KeyType.EC_P256);
        Https.as(noCountry).get("/diagnosiskeys/identity").then().statusCode(400)
                .body("code", equalTo("CLIENT_COUNTRY_MISSING"));
    }

    @Test
    void revokedCertificateIsForbiddenRightAfterRevocation() {
        Pki.Credential nl = Countries.onboarded(onboarding, "NL", CertificateType.AUTHENTICATION);
        Https.as(nl).get("/diagnosiskeys/identity").then().statusCode(200); // its PEM check is now cached

        org.junit.jupiter.api.Assertions.assertEquals(new eu.efgs.gateway.trust.CertificateLifecycle.Revocation(true,
                java.util.List.of()), onboarding.revoke(Thumbprints.of(nl.certificate())));

        Https.as(nl).get("/diagnosiskeys/identity").then().statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_REVOKED"));
    }

    @Test
    void tamperedPemIsTreatedAsAbsentAndLogged() throws SQLException {
        Pki.Credential it = Countries.onboarded(onboarding, "IT", CertificateType.AUTHENTICATION);
        Pki.Credential attacker = Pki.selfSigned("C=IT,CN=attacker", Pki.KeyType.EC_P256);
        // The attacker swaps in their own certificate and thumbprint but cannot re-seal the row.
        update("UPDATE certificate SET raw_data = ?, thumbprint = ? WHERE thumbprint = ?", attacker.pem(),
                Thumbprints.of(attacker.certificate()), Thumbprints.of(it.certificate()));

        List<String> log = captureRegistryLog(() -> Https.as(attacker).get("/diagnosiskeys/identity").then()
                .statusCode(403).body("code", equalTo("CLIENT_NOT_AUTHORIZED")));

        assertTrue(log.stream().anyMatch(line -> line.contains("TAMPERING")), log::toString);
    }

    @Test
    void tamperedThumbprintIsTreatedAsAbsentAndLogged() throws SQLException {
        Pki.Credential es = Countries.onboarded(onboarding, "ES", CertificateType.AUTHENTICATION);
        Pki.Credential attacker = Pki.selfSigned("C=ES,CN=attacker", Pki.KeyType.EC_P256);
        update("UPDATE certificate SET thumbprint = ? WHERE thumbprint = ?", Thumbprints.of(attacker.certificate()),
                Thumbprints.of(es.certificate()));

        List<String> log = captureRegistryLog(() -> Https.as(attacker).get("/diagnosiskeys/identity").then()
                .statusCode(403));

        assertTrue(log.stream().anyMatch(line -> line.contains("TAMPERING")), log::toString);
    }

    /** What decides besides the PEM (country, type, revoked) is sealed too: a database write cannot change it. */
    @Test
    void tamperedDecisionColumnsAreTreatedAsAbsentAndLogged() throws SQLException {
        Pki.Credential signing = Countries.onboarded(onboarding, "PT", CertificateType.SIGNING);
        update("UPDATE certificate SET type = 'AUTHENTICATION' WHERE thumbprint = ?",
                Thumbprints.of(signing.certificate()));
        Pki.Credential revoked = Countries.onboarded(onboarding, "PT", CertificateType.AUTHENTICATION);
        org.junit.jupiter.api.Assertions.assertEquals(new eu.efgs.gateway.trust.CertificateLifecycle.Revocation(true,
                java.util.List.of()), onboarding.revoke(Thumbprints.of(revoked.certificate())));
        update("UPDATE certificate SET revoked = FALSE, revoked_at = NULL WHERE thumbprint = ?",
                Thumbprints.of(revoked.certificate()));
        Pki.Credential moved = Countries.onboarded(onboarding, "PT", CertificateType.AUTHENTICATION);
        update("UPDATE certificate SET country = 'DE' WHERE thumbprint = ?", Thumbprints.of(moved.certificate()));

        for (Pki.Credential credential : List.of(signing, revoked, moved)) {
            List<String> log = captureRegistryLog(() -> Https.as(credential).get("/diagnosiskeys/identity").then()
                    .statusCode(403).body("code", equalTo("CLIENT_NOT_AUTHORIZED")));
            assertTrue(log.stream().anyMatch(line -> line.contains("TAMPERING")), log::toString);
        }
    }

    @Test
    void thumbprintWithLeadingZeroByteWorks() {
        Pki.Credential zero = leadingZeroCertificate();
        assertTrue(Thumbprints.of(zero.certificate()).startsWith("00"));
        Countries.onboard(onboarding, "DE", CertificateType.AUTHENTICATION, zero);

        Https.as(zero).get("/diagnosiskeys/identity").then().statusCode(200)
                .body("thumbprint", equalTo(Thumbprints.of(zero.certificate())));
    }

    @Test
    void certificateOutsideItsValidityIsForbidden() throws SQLException {
        KeyPair keys = Pki.keyPair(Pki.KeyType.EC_P256);
        Pki.Credential expired = Pki.selfSigned("C=DE,CN=expired " + System.nanoTime(), keys,
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        // Onboarding refuses expired certificates, so this one was registered while it was still valid.
        update("INSERT INTO certificate (created_at, thumbprint, country, type, revoked, signature, raw_data) "
                        + "VALUES (?, ?, 'DE', 'AUTHENTICATION', false, ?, ?)",
                Timestamp.from(Instant.now().minus(Duration.ofDays(20))), Thumbprints.of(expired.certificate()),
                TestPki.seal(expired.pem()), expired.pem());
        onboarding.sealUnsealedRows(); // as the first start after an upgrade does for rows older than record seals

        Https.as(expired).get("/diagnosiskeys/identity").then().statusCode(403)
                .body("code", equalTo("CLIENT_CERTIFICATE_NOT_VALID_NOW"));
    }

    @Test
    void optionsAnswersWithoutAuthentication() {
        Pki.Credential stranger = Pki.selfSigned("C=DE,CN=stranger", Pki.KeyType.EC_P256);
        Https.as(stranger).options("/diagnosiskeys").then()
                .statusCode(200)
                .header("Allow", "POST,GET,OPTIONS")
                .header("Accept", "application/json; version=1.0, application/protobuf; version=1.0");
    }

    @Test
    void unknownPathIsProblemJsonWithoutStackTrace() {
        Pki.Credential stranger = Pki.selfSigned("C=DE,CN=stranger", Pki.KeyType.EC_P256);
        Https.as(stranger).get("/diagnosiskeys/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    static Pki.Credential leadingZeroCertificate() {
        KeyPair keys = Pki.keyPair(Pki.KeyType.EC_P256);
        for (int i = 0; i < 20_000; i++) {
            Pki.Credential candidate = Pki.selfSigned("C=DE,CN=zero " + i, keys,
                    Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
            if (Thumbprints.of(candidate.certificate()).startsWith("00")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no certificate hashing to 00… in 20000 tries");
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            assertEquals(1, statement.executeUpdate());
        }
    }

    static List<String> captureRegistryLog(Runnable action) {
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("eu.efgs.gateway.trust.CertificateRegistry");
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }
}
