package eu.efgs.gateway.benchmark;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every benchmark starts: the packaged gateway and the development PKI its clients present (a picocli mixin). */
public class GatewaySetup {

    @Option(names = "--pki", defaultValue = "certs/generated",
            description = "Development PKI (certs/generate-dev-pki.sh)")
    Path pki;

    @Option(names = "--jar", defaultValue = "target/quarkus-app/quarkus-run.jar", description = "Gateway jar")
    Path jar;
}
