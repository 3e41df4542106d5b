package eu.efgs.gateway.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Without arguments (or with {@code serve}) the gateway serves; any other arguments run an
 * operator command against the same database and exit.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        // Before anything logs, so that the embedded database's start-up uses Quarkus' log manager too.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
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
