package eu.efgs.gateway.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Serves, or runs one operator command (see {@link OperatorCommand}) and exits with its code. */
public class GatewayApplication implements QuarkusApplication {

    @Inject
    CdiCommandFactory commandFactory;

    static boolean isServe(String... args) {
        return args.length == 0 || (args.length == 1 && "serve".equals(args[0]));
    }

    @Override
    public int run(String... args) {
        if (isServe(args)) {
            Quarkus.waitForExit();
            return 0;
        }
        return commandLine().execute(args);
    }

    /** The operator command line, with CDI-managed subcommands (also used by tests). */
    public CommandLine commandLine() {
        return new CommandLine(OperatorCommand.class, commandFactory);
    }
}
