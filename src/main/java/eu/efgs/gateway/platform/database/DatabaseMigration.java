package eu.efgs.gateway.platform.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Brings the schema up to date (see {@link Schema}) before anything else touches the database. */
@ApplicationScoped
public class DatabaseMigration {

    /** Observers that need the migrated schema use a priority above this one. */
    public static final int PRIORITY = 10;

    void migrate(@Observes @Priority(PRIORITY) StartupEvent event, AgroalDataSource dataSource) {
        Schema.migrate(dataSource);
    }
}
