package eu.efgs.gateway.operator;

import eu.efgs.gateway.platform.GatewayApplication;
import eu.efgs.gateway.platform.HeapPolicy;
import eu.efgs.gateway.platform.http.TlsPolicy;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Without arguments (or with {@code serve}) the gateway serves; any other arguments run an operator
 * command in this plain JVM (no server is started) and exit with its code.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        // Before anything logs, so that the embedded database's start-up uses Quarkus' log manager too.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        if (!GatewayApplication.isServe(args)) {
            System.exit(OperatorCommands.run(args));
        }
        TlsPolicy.applyJvmDefaults();
        HeapPolicy.applyJvmDefaults();
        // Until Quarkus configures logging, only warnings: the embedded database's start is no news
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        try {
            QuickStartDatabase.startWhenNoDatabaseConfigured();
        } catch (QuickStartDatabase.StartFailure e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        Quarkus.run(GatewayApplication.class, args);
    }
}
