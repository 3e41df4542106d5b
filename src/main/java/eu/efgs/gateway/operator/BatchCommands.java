package eu.efgs.gateway.operator;

import eu.efgs.gateway.batching.BatchListing;
import eu.efgs.gateway.batching.BatchMaker;
import eu.efgs.gateway.batching.BatchingConfig;
import eu.efgs.gateway.callback.CallbackAnnouncements;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code batch run|list}: download batches, next to running gateways. */
@Command(name = "batch", description = "Download batches.", subcommands = {BatchCommands.Run.class,
        BatchCommands.ListBatches.class})
public class BatchCommands {

    @Command(name = "run", description = "Pack pending uploads into download batches now (safe next to running "
            + "gateways: batch creation is serialised in the database).")
    static class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ToolContext context = new ToolContext();
            BatchingConfig config = context.mapping(BatchingConfig.class);
            BatchMaker maker = new BatchMaker(context.transactions(), context.cipher(), config.docLimit(),
                    context.clock,
                    List.of(new CallbackAnnouncements()));
            List<BatchMaker.CreatedBatch> created = maker.run(config.timeLimit());
            PrintWriter out = spec.commandLine().getOut();
            created.forEach(batch -> out.printf("%s: %d uploads, %d keys%n", batch.batchTag(), batch.uploads(),
                    batch.keys()));
            out.printf("%d batches created%n", created.size());
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List the download batches of a UTC day in chain order.")
    static class ListBatches implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--date", description = "yyyy-MM-dd (UTC); default today")
        LocalDate date;

        @Option(names = "--json", description = "One JSON array instead of a table")
        boolean json;

        @Override
        public Integer call() {
            ToolContext context = new ToolContext();
            LocalDate day = date != null ? date : LocalDate.ofInstant(context.clock.instant(), ZoneOffset.UTC);
            List<BatchListing.Summary> batches = BatchListing.of(context.database(), day);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(batches.stream().map(BatchCommands::summary).toList()));
                return ExitCode.OK;
            }
            String format = "%-14s %-30s %7s %6s %-14s %s%n";
            out.printf(format, "BATCH TAG", "CREATED", "UPLOADS", "KEYS", "NEXT", "EXPIRED");
            batches.forEach(b -> out.printf(format, b.batchTag(), b.createdAt(), b.uploads(), b.keys(),
                    b.nextBatchTag() == null ? "null" : b.nextBatchTag(), b.expired()));
            return ExitCode.OK;
        }
    }

    private static Map<String, Object> summary(BatchListing.Summary batch) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("batchTag", batch.batchTag());
        summary.put("createdAt", batch.createdAt().toString());
        summary.put("uploads", batch.uploads());
        summary.put("keys", batch.keys());
        summary.put("nextBatchTag", batch.nextBatchTag());
        summary.put("expired", batch.expired());
        return summary;
    }
}
