package eu.efgs.gateway.batching;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code batch run}: creates the pending download batches now (safe next to running gateways). */
@Dependent
@Unremovable
@Command(name = "batch", description = "Download batches.", subcommands = BatchCommand.Run.class)
public class BatchCommand {

    @Dependent
    @Unremovable
    @Command(name = "run", description = "Pack pending uploads into download batches now.")
    public static class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Inject
        BatchingService batching;

        @Override
        public Integer call() {
            var created = batching.run();
            created.forEach(batch -> spec.commandLine().getOut().printf("%s: %d uploads, %d keys%n",
                    batch.batchTag(), batch.uploads(), batch.keys()));
            spec.commandLine().getOut().printf("%d batches created%n", created.size());
            return 0;
        }
    }
}
