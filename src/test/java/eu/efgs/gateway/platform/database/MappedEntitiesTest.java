package eu.efgs.gateway.platform.database;

import static org.junit.jupiter.api.Assertions.assertFalse;

import eu.efgs.gateway.testing.GatewayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * The schema is owned by the Flyway migrations (Hibernate's schema management is off, because the gateway migrates
 * at start-up after Hibernate has booted): every mapped entity must still match the migrated tables, column by
 * column, or Panache would fail at the first query that touches the difference.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class MappedEntitiesTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void entitiesMatchTheMigratedSchema() {
        assertFalse(sessionFactory.getMetamodel().getEntities().isEmpty(), "entities are mapped");
        sessionFactory.getSchemaManager().validateMappedObjects(); // throws SchemaManagementException on a mismatch
    }
}
