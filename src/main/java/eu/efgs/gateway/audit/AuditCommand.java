package eu.efgs.gateway.audit;

import eu.efgs.gateway.platform.MutualTlsClient;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.CertificateSubjects;
import eu.efgs.gateway.trust.Seals;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: verifies every batch of a date on a running gateway, as an auditor would, over the public API.
 * Exit code 0 when everything verifies, 1 when anything does not.
 */
@Dependent
@Unremovable
@Command(name = "audit", description = "Verify every upload in the batches of a date on a gateway.")
public class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "Gateway base URL, e.g. https://localhost:8443")
    URI url;

    @Option(names = "--cert", required = true, description = "PEM client (AUTHENTICATION) certificate")
    Path certificate;

    @Option(names = "--key", required = true, description = "PEM private key of the client certificate")
    Path key;

    @Option(names = "--ca", description = "PEM certificate to trust for the gateway's TLS (default: the JDK's)")
    Path serverCa;

    @Option(names = "--trust-anchor", required = true, description = "PEM trust-anchor certificate")
    Path anchor;

    @Option(names = "--date", required = true, description = "UTC day, yyyy-MM-dd")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        X509Certificate client = CertificatePem.parse(Files.readString(certificate, StandardCharsets.US_ASCII));
        Optional<X509Certificate> ca = serverCa == null ? Optional.empty()
                : Optional.of(CertificatePem.parse(Files.readString(serverCa, StandardCharsets.US_ASCII)));
        var http = MutualTlsClient.create(client, Seals.readPrivateKey(Files.readString(key)), ca);
        String ownCountry = CertificateSubjects.countries(client).stream().findFirst().orElse("");
        Auditor auditor = new Auditor(http, url, CertificatePem.parse(Files.readString(anchor)), ownCountry,
                spec.commandLine().getOut());
        int failures = auditor.audit(date);
        spec.commandLine().getOut().printf("%s: %s%n", date, failures == 0 ? "all uploads verified"
                : failures + " check(s) FAILED");
        spec.commandLine().getOut().flush();
        return failures == 0 ? 0 : 1;
    }
}
