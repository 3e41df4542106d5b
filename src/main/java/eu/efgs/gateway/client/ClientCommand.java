package eu.efgs.gateway.client;

import eu.efgs.gateway.operator.ToolCommand;
import eu.efgs.gateway.signing.BatchSigner;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.Seals;
import eu.interop.DiagnosisKey;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code client upload|download}: a national backend's side of the protocol, for demos, tests and operators. It
 * needs no database: the launcher runs it without starting the gateway.
 */
@Command(name = "client", description = "Act as a national backend against a gateway.",
        subcommands = {ClientCommand.Upload.class, ClientCommand.Download.class})
public class ClientCommand implements ToolCommand {

    @Command(name = "upload", description = "Generate realistic keys, sign them and upload them.")
    public static class Upload implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        Clock clock = Clock.systemUTC();

        @Option(names = "--signing-cert", required = true, description = "PEM signing certificate")
        Path signingCertificate;

        @Option(names = "--signing-key", required = true, description = "PEM private key of the signing certificate")
        Path signingKey;

        @Option(names = "--keys", defaultValue = "100", description = "How many keys (default ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--visited", split = ",", defaultValue = "DE,FR,ES,IT,NL",
                description = "Visited countries of every key (default ${DEFAULT-VALUE})")
        List<String> visited;

        @Option(names = "--batch-tag", description = "batchTag (default: a random one)")
        String batchTag;

        @Override
        public Integer call() throws Exception {
            String country = connection.country();
            List<DiagnosisKey> keys = KeyGenerator.keys(country, visited, count, clock.instant());
            BatchSigner signer = new BatchSigner(CertificatePem.read(signingCertificate),
                    Seals.readPrivateKey(Files.readString(signingKey)));
            String tag = batchTag != null ? batchTag : country + "-" + UUID.randomUUID();
            GatewayClient.UploadResult result = new GatewayClient(connection.http(), connection.url(), 5000)
                    .upload(tag, keys, signer);
            var out = spec.commandLine().getOut();
            if (!result.ok()) {
                out.printf("Upload as %s refused: %d %s%n", country, result.status(), result.problem());
                out.flush();
                return 1;
            }
            out.printf("Uploaded %d keys as %s (batchTag %s), %d duplicates dropped%n", result.stored(), country,
                    String.join(",", result.batchTags()), result.duplicates());
            out.flush();
            return 0;
        }
    }

    @Command(name = "download", description = "Download every batch of a date (following nextBatchTag).")
    public static class Download implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--date", required = true, description = "UTC day, yyyy-MM-dd")
        LocalDate date;

        @Option(names = "--out", description = "Write the keys as lines 'batchTag origin keyData(base64) "
                + "rollingStartIntervalNumber' to this file")
        Path output;

        @Override
        public Integer call() throws Exception {
            List<GatewayClient.Batch> batches = new GatewayClient(connection.http(), connection.url(), 5000)
                    .downloadDay(date);
            var out = spec.commandLine().getOut();
            int keys = 0;
            for (GatewayClient.Batch batch : batches) {
                out.printf("%s: %d keys%n", batch.batchTag(), batch.keys().size());
                keys += batch.keys().size();
            }
            if (output != null) {
                try (BufferedWriter writer = Files.newBufferedWriter(output)) {
                    for (GatewayClient.Batch batch : batches) {
                        for (DiagnosisKey key : batch.keys()) {
                            writer.write(batch.batchTag() + " " + key.getOrigin() + " "
                                    + Base64.getEncoder().encodeToString(key.getKeyData().toByteArray()) + " "
                                    + Integer.toUnsignedString(key.getRollingStartIntervalNumber()));
                            writer.newLine();
                        }
                    }
                }
            }
            out.printf("%s: %d batches, %d keys%n", date, batches.size(), keys);
            out.flush();
            return 0;
        }
    }
}
