package eu.efgs.gateway.platform.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;

/** Applies the versioned schema migrations (Flyway) before anything else touches the database. */
@ApplicationScoped
public class DatabaseMigration {

    /** Observers that need the migrated schema use a priority above this one. */
    public static final int PRIORITY = 10;

    void migrate(@Observes @Priority(PRIORITY) StartupEvent event, AgroalDataSource dataSource) {
        Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
