package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.platform.MutualTlsClient;
import eu.efgs.gateway.signing.BatchSigner;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.Seals;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** A demo country's certificates from the development PKI (certs/generated). */
record Credentials(String country, Path pki) {

    X509Certificate serverCertificate() throws IOException {
        return read(pki.resolve("server/server.pem"));
    }

    HttpClient client() throws IOException {
        Path dir = pki.resolve("countries").resolve(country);
        return MutualTlsClient.create(read(dir.resolve("auth.pem")),
                Seals.readPrivateKey(Files.readString(dir.resolve("auth.key"))), Optional.of(serverCertificate()));
    }

    BatchSigner signer() throws IOException {
        Path dir = pki.resolve("countries").resolve(country);
        return new BatchSigner(read(dir.resolve("signing.pem")),
                Seals.readPrivateKey(Files.readString(dir.resolve("signing.key"))));
    }

    Path authPem() {
        return pki.resolve("countries").resolve(country).resolve("auth.pem");
    }

    Path authKey() {
        return pki.resolve("countries").resolve(country).resolve("auth.key");
    }

    /** The authentication certificate's SHA-256 thumbprint, as a balancer forwards it. */
    String thumbprint() throws IOException {
        return eu.efgs.gateway.trust.Thumbprints.of(read(authPem()));
    }

    static X509Certificate read(Path pem) throws IOException {
        return CertificatePem.read(pem);
    }
}
