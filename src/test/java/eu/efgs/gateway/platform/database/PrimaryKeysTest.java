package eu.efgs.gateway.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.testing.Db;
import eu.efgs.gateway.testing.GatewayTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Galera replicates rows by primary key (a table without one is replicated unreliably, row by row scans on every
 * node), and a cluster built on it refuses DDL that creates one (pxc_strict_mode, innodb_force_primary_key): every
 * table of the migrated schema has a primary key.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class PrimaryKeysTest {

    @Inject
    AgroalDataSource db;

    @Test
    void everyTableHasAPrimaryKey() {
        List<List<Object>> tables = Db.query(db, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'");
        assertTrue(tables.size() >= 15, "the migrated schema: " + tables);
        List<List<Object>> withoutKey = Db.query(db, "SELECT t.table_name FROM information_schema.tables t "
                + "WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM "
                + "information_schema.table_constraints c WHERE c.table_schema = t.table_schema "
                + "AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')");
        assertEquals(List.of(), withoutKey);
    }
}
