package eu.efgs.gateway.trust;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Operator commands for the certificate registry: {@code cert onboard|revoke|list}. */
@Command(name = "cert", description = "Manage the certificate registry.",
        subcommands = {CertificateCommand.Onboard.class, CertificateCommand.Revoke.class,
                CertificateCommand.ListCertificates.class})
public class CertificateCommand {

    /** Exit code for input the command refused (nothing stored). */
    static final int REFUSED = 2;

    @Dependent
    @Unremovable
    @Command(name = "onboard", description = "Register a certificate for a country, sealed by the trust anchor.")
    public static class Onboard implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Inject
        CertificateOnboarding onboarding;

        @Option(names = "--country", required = true, description = "ISO 3166-1 alpha-2 code, e.g. DE")
        String country;

        @Option(names = "--type", required = true, description = "AUTHENTICATION, SIGNING or CALLBACK")
        CertificateType type;

        @Option(names = "--pem", required = true, description = "PEM file with the certificate only")
        Path pem;

        @Option(names = "--host", description = "Host name served with a CALLBACK certificate")
        String host;

        @ArgGroup(multiplicity = "1")
        SealSource sealSource;

        static class SealSource {
            @Option(names = "--seal-file", description = "File with the base64 seal made offline, e.g. "
                    + "openssl dgst -sha256 -sign ta.key cert.pem | base64 -w0")
            Path sealFile;

            @Option(names = "--trust-anchor-key", description = "PEM private key of the trust anchor to seal with")
            Path anchorKey;
        }

        @Override
        public Integer call() {
            try {
                String text = Files.readString(pem, StandardCharsets.US_ASCII);
                var request = new CertificateOnboarding.Request(country.toUpperCase(Locale.ROOT), type, text, host);
                CertificateEntity row = sealSource.sealFile != null
                        ? onboarding.onboard(request, Files.readString(sealSource.sealFile).trim())
                        : onboarding.onboard(request, Seals.readPrivateKey(Files.readString(sealSource.anchorKey)));
                spec.commandLine().getOut().printf("Onboarded %s %s %s%n", row.country, row.type, row.thumbprint);
                return 0;
            } catch (OnboardingException e) {
                spec.commandLine().getErr().printf("Refused (%s): %s%n", e.reason(), e.getMessage());
                return REFUSED;
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().printf("Refused: %s%n", e.getMessage());
                return REFUSED;
            }
        }
    }

    @Dependent
    @Unremovable
    @Command(name = "revoke", description = "Revoke a certificate by thumbprint; effective at once.")
    public static class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Inject
        CertificateRegistry registry;

        @Option(names = "--thumbprint", required = true, description = "SHA-256 thumbprint (hex)")
        String thumbprint;

        @Override
        public Integer call() {
            String canonical = thumbprint.trim().toLowerCase(Locale.ROOT);
            if (!registry.revoke(canonical)) {
                spec.commandLine().getErr().printf("No unrevoked certificate with thumbprint %s%n", canonical);
                return REFUSED;
            }
            spec.commandLine().getOut().printf("Revoked %s%n", canonical);
            return 0;
        }
    }

    @Dependent
    @Unremovable
    @Command(name = "list", description = "List registered certificates.")
    public static class ListCertificates implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Inject
        CertificateRegistry registry;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.printf("%-7s %-14s %-64s %-8s %s%n", "COUNTRY", "TYPE", "THUMBPRINT", "REVOKED", "CREATED");
            for (CertificateEntity row : registry.list()) {
                out.printf("%-7s %-14s %-64s %-8s %s%n", row.country, row.type, row.thumbprint, row.revoked,
                        row.createdAt);
            }
            return 0;
        }
    }
}
