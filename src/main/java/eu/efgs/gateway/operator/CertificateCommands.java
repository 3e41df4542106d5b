package eu.efgs.gateway.operator;

import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.OnboardingException;
import eu.efgs.gateway.trust.RegistryReport;
import eu.efgs.gateway.trust.RegistryRow;
import eu.efgs.gateway.trust.Seals;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert onboard|revoke|list|show}: the certificate registry, next to running gateways. */
@Command(name = "cert", description = "Manage the certificate registry.",
        subcommands = {CertificateCommands.Onboard.class, CertificateCommands.Revoke.class,
                CertificateCommands.ListCertificates.class, CertificateCommands.Show.class})
public class CertificateCommands {

    @Command(name = "onboard", description = "Register a certificate for a country, sealed by the trust anchor.")
    static class Onboard implements Callable<Integer> {

        @Spec
        CommandSpec spec;

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
            ToolContext context = new ToolContext();
            try {
                String text = Files.readString(pem, StandardCharsets.US_ASCII);
                var request = new CertificateLifecycle.Request(country.toUpperCase(Locale.ROOT), type, text, host);
                CertificateLifecycle lifecycle = context.lifecycle();
                RegistryRow row = sealSource.sealFile != null
                        ? lifecycle.onboard(request, Files.readString(sealSource.sealFile).trim())
                        : lifecycle.onboard(request, Seals.readPrivateKey(Files.readString(sealSource.anchorKey)));
                spec.commandLine().getOut().printf("Onboarded %s %s %s%n", row.country(), row.type(), row.thumbprint());
                return ExitCode.OK;
            } catch (OnboardingException e) {
                spec.commandLine().getErr().printf("Refused (%s): %s%n", e.reason(), e.getMessage());
                return ExitCode.REFUSED;
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().printf("Refused: %s%n", e.getMessage());
                return ExitCode.REFUSED;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a certificate by thumbprint; every gateway refuses it from the "
            + "next request on.")
    static class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--thumbprint", required = true, description = "SHA-256 thumbprint (hex)")
        String thumbprint;

        @Override
        public Integer call() {
            String canonical = thumbprint.trim().toLowerCase(Locale.ROOT);
            CertificateLifecycle.Revocation revocation = new ToolContext().lifecycle().revoke(canonical);
            if (!revocation.revoked()) {
                spec.commandLine().getErr().printf("Refused: no unrevoked, intact certificate with thumbprint %s%n",
                        canonical);
                return ExitCode.REFUSED;
            }
            if (!revocation.unconfirmed().isEmpty()) {
                spec.commandLine().getErr().printf("Failed: %s is revoked, but gateway instances %s have not confirmed "
                        + "it yet; they refuse it once they read the registry again%n", canonical,
                        revocation.unconfirmed());
                return ExitCode.FAILED;
            }
            spec.commandLine().getOut().printf("Revoked %s; every running gateway instance refuses it%n", canonical);
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List registered certificates with status, validity and days left.")
    static class ListCertificates implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON array instead of a table")
        boolean json;

        @Override
        public Integer call() {
            ToolContext context = new ToolContext();
            List<RegistryReport.Entry> entries = context.report().all(context.clock.instant());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(entries.stream().map(CertificateCommands::summary).toList()));
                return ExitCode.OK;
            }
            String format = "%-7s %-14s %-13s %-20s %-20s %9s  %s%n";
            out.printf(format, "COUNTRY", "TYPE", "STATUS", "NOT BEFORE", "NOT AFTER", "DAYS LEFT", "THUMBPRINT");
            for (RegistryReport.Entry entry : entries) {
                out.printf(format, entry.row().country(), entry.row().type(), entry.status(),
                        entry.notBefore().map(Object::toString).orElse("-"),
                        entry.notAfter().map(Object::toString).orElse("-"),
                        entry.daysLeft().map(Object::toString).orElse("-"), entry.row().thumbprint());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show one certificate in detail.")
    static class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "SHA-256 thumbprint (hex)")
        String thumbprint;

        @Option(names = "--json", description = "JSON instead of text")
        boolean json;

        @Override
        public Integer call() {
            ToolContext context = new ToolContext();
            Optional<RegistryReport.Entry> entry = context.report()
                    .find(thumbprint.trim().toLowerCase(Locale.ROOT), context.clock.instant());
            if (entry.isEmpty()) {
                spec.commandLine().getErr().printf("Refused: no certificate with thumbprint %s%n", thumbprint);
                return ExitCode.REFUSED;
            }
            Map<String, Object> details = details(entry.get());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(details));
            } else {
                details.forEach((name, value) -> out.printf("%-16s %s%n", name, value == null ? "-" : value));
            }
            return ExitCode.OK;
        }
    }

    private static Map<String, Object> summary(RegistryReport.Entry entry) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("country", entry.row().country());
        summary.put("type", String.valueOf(entry.row().type()));
        summary.put("status", entry.status().name());
        summary.put("thumbprint", entry.row().thumbprint());
        summary.put("notBefore", entry.notBefore().map(Object::toString).orElse(null));
        summary.put("notAfter", entry.notAfter().map(Object::toString).orElse(null));
        summary.put("daysLeft", entry.daysLeft().orElse(null));
        summary.put("host", entry.row().host());
        summary.put("createdAt", String.valueOf(entry.row().createdAt()));
        summary.put("revokedAt", entry.row().revokedAt() == null ? null : entry.row().revokedAt().toString());
        return summary;
    }

    private static Map<String, Object> details(RegistryReport.Entry entry) {
        Map<String, Object> details = summary(entry);
        Optional<X509Certificate> certificate = entry.certificate();
        details.put("subject", certificate.map(c -> c.getSubjectX500Principal().getName()).orElse(null));
        details.put("issuer", certificate.map(c -> c.getIssuerX500Principal().getName()).orElse(null));
        details.put("serial", certificate.map(c -> c.getSerialNumber().toString(16)).orElse(null));
        details.put("keyAlgorithm", certificate.map(c -> c.getPublicKey().getAlgorithm()).orElse(null));
        details.put("integrity", entry.integrity());
        return details;
    }
}
