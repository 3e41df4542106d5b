package eu.efgs.gateway.client;

import eu.efgs.gateway.platform.MutualTlsClient;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.CertificateSubjects;
import eu.efgs.gateway.trust.Seals;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a client command reaches a gateway: URL, its own TLS client certificate and key, the server CA. */
public class ConnectionOptions {

    @Option(names = "--url", required = true, description = "Gateway base URL, e.g. https://localhost:8443")
    URI url;

    @Option(names = "--cert", required = true, description = "PEM client (AUTHENTICATION) certificate")
    Path certificate;

    @Option(names = "--key", required = true, description = "PEM private key of the client certificate")
    Path key;

    @Option(names = "--ca", description = "PEM certificate to trust for the gateway's TLS (default: the JDK's)")
    Path serverCa;

    public URI url() {
        return url;
    }

    public X509Certificate clientCertificate() throws IOException {
        return read(certificate);
    }

    /** The country of the client certificate (its subject's C). */
    public String country() throws IOException {
        return CertificateSubjects.countries(clientCertificate()).stream().findFirst().orElse("");
    }

    public HttpClient http() throws IOException {
        Optional<X509Certificate> ca = serverCa == null ? Optional.empty() : Optional.of(read(serverCa));
        return MutualTlsClient.create(clientCertificate(), Seals.readPrivateKey(Files.readString(key)), ca);
    }

    private static X509Certificate read(Path pem) throws IOException {
        return CertificatePem.read(pem);
    }
}
