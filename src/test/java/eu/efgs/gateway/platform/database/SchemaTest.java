package eu.efgs.gateway.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Schema.LATEST names the newest migration, or commands and start-ups would skip a migration they need. */
class SchemaTest {

    @Test
    void latestIsTheNewestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            String newest = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9.]+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .max(Comparator.comparing(SchemaTest::numbers, Arrays::compare)).orElseThrow();
            assertEquals(newest, Schema.LATEST);
        }
    }

    private static int[] numbers(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
