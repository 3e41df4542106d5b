package eu.efgs.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A benchmark's scratch directory: its database, nginx's files and the gateways' logs, 1 to 2 GB after a full run.
 * Removed when the JVM exits after a run that finished; kept, and named, after one that failed, for its logs.
 */
final class WorkDirectory {

    final Path path;
    private volatile boolean finished;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    static WorkDirectory create(String prefix) {
        try {
            WorkDirectory work = new WorkDirectory(Files.createTempDirectory(prefix));
            Runtime.getRuntime().addShutdownHook(new Thread(work::removeOrKeep, "efgs-bench-cleanup"));
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run is complete: nothing in the directory is needed any more. */
    void finished() {
        finished = true;
    }

    private void removeOrKeep() {
        if (!finished) {
            System.err.println("Kept for inspection (logs, database): " + path);
            return;
        }
        // the embedded database stops in a shutdown hook of its own, at the same time, and writes files meanwhile
        for (int attempt = 0; attempt < 10 && Files.exists(path); attempt++) {
            try (var files = Files.walk(path)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a file went away during the walk: walk again
            }
            if (Files.exists(path)) {
                pause();
            }
        }
        if (Files.exists(path)) {
            System.err.println("Could not delete " + path);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
