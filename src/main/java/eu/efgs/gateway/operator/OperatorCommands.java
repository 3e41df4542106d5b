package eu.efgs.gateway.operator;

import eu.efgs.gateway.platform.database.DatabaseFailures;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Root of the operator commands: {@code java -jar quarkus-run.jar <command> ...}. They run in a plain JVM — no
 * HTTP server, scheduler or callback sender — next to running gateways, with the gateway's own settings.
 */
@Command(name = "efgs-gateway", mixinStandardHelpOptions = true,
        description = "EFGS federation gateway. Without arguments it serves; the subcommands are operator tasks.",
        subcommands = {CertificateCommands.class, BatchCommands.class})
public class OperatorCommands {

    private OperatorCommands() {
    }

    /** Runs one command and returns its exit code; failures are one line on stderr, never a stack trace. */
    public static int run(String... args) {
        Logger.getLogger("").setLevel(Level.WARNING); // libraries' start-up chatter is no command output
        return commandLine().execute(args);
    }

    /** The command line (tests run it in-process with their own writers), with the tools this build carries. */
    public static CommandLine commandLine() {
        CommandLine commands = new CommandLine(new OperatorCommands());
        ServiceLoader.load(ToolCommand.class, ToolCommand.class.getClassLoader()).forEach(commands::addSubcommand);
        return commands
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    PrintWriter err = line.getErr();
                    if (failure instanceof ToolContext.ConfigurationProblem
                            || failure instanceof QuickStartDatabase.StartFailure) {
                        err.println("Configuration: " + failure.getMessage());
                        return ExitCode.CONFIGURATION;
                    }
                    if (DatabaseFailures.unreachable(failure)) {
                        err.println("Failed: the database cannot be reached (" + root(failure) + ")");
                        return ExitCode.FAILED;
                    }
                    err.println("Failed: " + (failure.getMessage() == null ? failure : failure.getMessage()));
                    return ExitCode.FAILED;
                });
    }

    private static String root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst()
                .orElse("");
    }
}
