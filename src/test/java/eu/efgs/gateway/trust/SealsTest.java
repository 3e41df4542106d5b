package eu.efgs.gateway.trust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Pki;
import org.junit.jupiter.api.Test;

class SealsTest {

    @Test
    void sealCoversTheExactPemText() {
        Pki.Credential anchor = Pki.selfSigned("C=EU,CN=anchor", Pki.KeyType.RSA_3072);
        Pki.Credential country = Pki.selfSigned("C=DE,CN=x", Pki.KeyType.EC_P256);
        String seal = Seals.seal(country.pem(), anchor.key(), anchor.certificate());

        assertTrue(Seals.verify(country.pem(), seal, anchor.certificate()));
        assertFalse(Seals.verify(country.pem().replace("\n", "\r\n"), seal, anchor.certificate()));
        assertFalse(Seals.verify(country.pem(), "not base64!", anchor.certificate()));
        assertFalse(Seals.verify(country.pem(), null, anchor.certificate()));
    }

    @Test
    void ecTrustAnchorWorksToo() {
        Pki.Credential anchor = Pki.selfSigned("C=EU,CN=ec anchor", Pki.KeyType.EC_P256);
        String pem = Pki.selfSigned("C=FR,CN=y", Pki.KeyType.EC_P256).pem();
        assertTrue(Seals.verify(pem, Seals.seal(pem, anchor.key(), anchor.certificate()), anchor.certificate()));
    }

    @Test
    void thumbprintsAreZeroPadded() {
        assertTrue(Thumbprints.hex(new byte[32]).matches("0{64}"));
    }
}
