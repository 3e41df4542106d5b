package eu.efgs.gateway.platform;

import eu.efgs.gateway.audit.AuditCommand;
import eu.efgs.gateway.batching.BatchCommand;
import eu.efgs.gateway.benchmark.BenchmarkCommand;
import eu.efgs.gateway.client.ClientCommand;
import eu.efgs.gateway.trust.CertificateCommand;
import picocli.CommandLine.Command;

/** Root of the operator commands: {@code java -jar quarkus-run.jar <command> ...}. */
@Command(name = "efgs-gateway", mixinStandardHelpOptions = true,
        description = "EFGS federation gateway. Without arguments it serves; the subcommands are operator tasks.",
        subcommands = {CertificateCommand.class, BatchCommand.class, AuditCommand.class, ClientCommand.class,
                BenchmarkCommand.class})
public class OperatorCommand {
}
