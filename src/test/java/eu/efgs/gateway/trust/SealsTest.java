package eu.efgs.gateway.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Pki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
    void sealsAreStandardSignaturesThatBouncyCastleVerifiesToo() throws Exception {
        Pki.Credential anchor = Pki.selfSigned("C=EU,CN=anchor", Pki.KeyType.RSA_2048);
        String pem = Pki.selfSigned("C=IT,CN=z", Pki.KeyType.EC_P256).pem();
        Signature bouncyCastle = Signature.getInstance("SHA256withRSA", new BouncyCastleProvider());
        bouncyCastle.initVerify(anchor.certificate().getPublicKey());
        bouncyCastle.update(pem.getBytes(StandardCharsets.US_ASCII));

        assertTrue(bouncyCastle.verify(Base64.getDecoder().decode(Seals.seal(pem, anchor.key(),
                anchor.certificate()))));
    }

    @Test
    void rsaPssTrustAnchorSealsWithItsOwnParameters() throws Exception {
        KeyPair keys = Pki.keyPair(Pki.KeyType.RSA_2048);
        X500Name name = new X500Name("C=EU,CN=pss anchor");
        X509Certificate anchor = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(3600)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSAandMGF1").setProvider(new BouncyCastleProvider())
                        .build(keys.getPrivate())));
        String pem = Pki.selfSigned("C=NL,CN=w", Pki.KeyType.EC_P256).pem();
        String seal = Seals.seal(pem, keys.getPrivate(), anchor);

        assertEquals("RSASSA-PSS", anchor.getSigAlgName());
        assertTrue(Seals.verify(pem, seal, anchor));
        assertFalse(Seals.verify(pem + " ", seal, anchor));
    }

    @Test
    void thumbprintsAreZeroPadded() {
        assertTrue(Thumbprints.hex(new byte[32]).matches("0{64}"));
    }
}
