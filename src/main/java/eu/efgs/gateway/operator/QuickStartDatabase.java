package eu.efgs.gateway.operator;

import java.util.ServiceLoader;

/**
 * The zero-install database of the quick start, started when no datasource is configured. The full build provides
 * one (the {@code quickstart} package); the server artifact has none, so there a missing datasource URL is refused
 * in one line instead of starting a database nobody asked for in production.
 */
public interface QuickStartDatabase {

    /** Starts (or joins) the database and sets the datasource properties; a failure is a {@link StartFailure}. */
    void start();

    /** The database could not start or none is configured; the message is one line for the operator. */
    final class StartFailure extends RuntimeException {
        public StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Called before the gateway starts. The URL may come from any of the gateway's configuration sources (also
     * {@code .env} and {@code config/application.properties}), so they are all read here.
     */
    static void startWhenNoDatabaseConfigured() {
        if (!ToolContext.databaseConfigured()) {
            startTheProvidedOne();
        }
    }

    /** Starts the quick start's database of this build; a build without one refuses in one line. */
    static void startTheProvidedOne() {
        ServiceLoader.load(QuickStartDatabase.class, QuickStartDatabase.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new StartFailure("No database configured: set QUARKUS_DATASOURCE_JDBC_URL "
                        + "(and _USERNAME, _PASSWORD); this build of the gateway has no embedded database"))
                .start();
    }
}
