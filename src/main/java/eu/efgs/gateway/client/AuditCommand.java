package eu.efgs.gateway.client;

import eu.efgs.gateway.operator.ToolCommand;
import eu.efgs.gateway.trust.CertificatePem;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: verifies every batch of a date on a running gateway, as an auditor would, over the public API.
 * Exit code 0 when everything verifies, 1 when anything does not. Runs without starting the gateway.
 */
@Command(name = "audit", description = "Verify every upload in the batches of a date on a gateway.")
public class AuditCommand implements Callable<Integer>, ToolCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--trust-anchor", required = true, description = "PEM trust-anchor certificate")
    Path anchor;

    @Option(names = "--date", required = true, description = "UTC day, yyyy-MM-dd")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        Auditor auditor = new Auditor(connection.http(), connection.url(), CertificatePem.read(anchor),
                connection.country(), spec.commandLine().getOut());
        int failures = auditor.audit(date);
        spec.commandLine().getOut().printf("%s: %s%n", date, failures == 0 ? "all uploads verified"
                : failures + " check(s) FAILED");
        spec.commandLine().getOut().flush();
        return failures == 0 ? 0 : 1;
    }
}
