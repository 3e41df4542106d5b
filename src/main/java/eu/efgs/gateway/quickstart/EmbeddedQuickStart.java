package eu.efgs.gateway.quickstart;

import eu.efgs.gateway.operator.QuickStartDatabase;

/** The embedded MariaDB as the quick start's database (registered in {@code META-INF/services}). */
public final class EmbeddedQuickStart implements QuickStartDatabase {

    @Override
    public void start() {
        EmbeddedDatabase.startForTheQuickStart();
    }
}
