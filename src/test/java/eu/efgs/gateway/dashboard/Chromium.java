package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.testing.Pki;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, holding one client certificate: the certificate and
 * its key go into an NSS database in a HOME of its own ({@code $HOME/.pki/nssdb}, where Chromium on Linux looks),
 * and a managed policy ({@code AutoSelectCertificateForUrls}) makes Chromium present it to the gateway without
 * asking. The gateway's test server certificate is trusted by its key alone (SPKI pin). Nothing is downloaded:
 * the driver's path is given, so Selenium Manager is skipped, and every background connection is switched off.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path POLICIES = Path.of("/etc/chromium/policies/managed");
    private static final String PASSWORD = "dashboard-test";

    private final Path home;
    private final ChromeDriver driver;

    private Chromium(Path home, ChromeDriver driver) {
        this.home = home;
        this.driver = driver;
    }

    /** Chromium presenting {@code client} to {@code origin}, trusting {@code server} by its public key. */
    static Chromium as(Pki.Credential client, X509Certificate server, boolean javaScript) {
        try {
            Path home = Files.createTempDirectory("efgs-chromium-home");
            Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
            run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
            Path p12 = home.resolve("client.p12");
            writePkcs12(client, p12);
            run("pk12util", "-i", p12.toString(), "-d", "sql:" + nss, "-W", PASSWORD);
            Files.delete(p12);

            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--window-size=1400,3400",
                    "--user-data-dir=" + Files.createDirectories(home.resolve("profile")),
                    "--ignore-certificate-errors-spki-list=" + spkiPin(server));
            if (!javaScript) {
                options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript",
                        2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("HOME", home.toString()))
                    .build();
            return new Chromium(home, new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The managed policy that lets Chromium pick the (only) client certificate for the gateway's origin without a
     * prompt. Policies are machine-wide, so the file is named after the port and removed by {@link #forget}.
     */
    static Path selectCertificateAutomatically(int port) throws IOException {
        Files.createDirectories(POLICIES);
        Path policy = POLICIES.resolve("efgs-dashboard-test-" + port + ".json");
        Files.writeString(policy, "{\"AutoSelectCertificateForUrls\": [\"{\\\"pattern\\\":\\\"https://localhost:"
                + port + "\\\",\\\"filter\\\":{}}\"]}");
        return policy;
    }

    static void forget(Path policy) throws IOException {
        Files.deleteIfExists(policy);
    }

    /** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as --ignore-certificate-errors-spki-list wants. */
    static String spkiPin(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePkcs12(Pki.Credential client, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", client.key(), PASSWORD.toCharArray(),
                    new Certificate[] {client.certificate()});
            store.store(out, PASSWORD.toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
