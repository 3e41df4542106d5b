package eu.efgs.gateway.platform;

import eu.efgs.gateway.platform.database.EmbeddedDatabase;
import eu.efgs.gateway.platform.http.TlsPolicy;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Set;
import picocli.CommandLine;

/**
 * Entry point. Without arguments (or with {@code serve}) the gateway serves; any other arguments run an
 * operator command against the same database and exit.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    /** Commands that talk to a gateway over HTTPS (bench starts its own) and need no gateway runtime here. */
    private static final Set<String> STANDALONE = Set.of("client", "audit", "bench");

    public static void main(String... args) {
        if (args.length > 0 && STANDALONE.contains(args[0])) {
            System.exit(new CommandLine(new OperatorCommand())
                    .setExecutionExceptionHandler((failure, line, parsed) -> {
                        line.getErr().println("Failed: " + (failure.getMessage() == null ? failure : failure.getMessage()));
                        return 1;
                    })
                    .execute(args));
        }
        // Before anything logs, so that the embedded database's start-up uses Quarkus' log manager too.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        TlsPolicy.applyJvmDefaults();
        boolean serve = GatewayApplication.isServe(args);
        if (!serve) {
            // A command must not collide with a running gateway's ports nor run its scheduled jobs.
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.http.ssl-port", "0");
            System.setProperty("quarkus.management.port", "0");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            System.setProperty("quarkus.log.console.level", System.getProperty("quarkus.log.console.level", "WARN"));
        }
        EmbeddedDatabase.startWhenNoDatabaseConfigured();
        Quarkus.run(GatewayApplication.class, args);
    }
}
