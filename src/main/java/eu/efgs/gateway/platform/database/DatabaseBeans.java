package eu.efgs.gateway.platform.database;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The gateway's conflict retry and JDBC units of work, on its pooled datasource. */
@ApplicationScoped
public class DatabaseBeans {

    @Produces
    @Singleton
    ConflictRetry conflictRetry(DatabaseConfig config) {
        return new ConflictRetry(ConflictRetry.Policy.of(config));
    }

    @Produces
    @Singleton
    Transactions transactions(AgroalDataSource dataSource, ConflictRetry retry) {
        return new Transactions(dataSource, retry);
    }
}
