package eu.efgs.gateway.operator;

import com.mysql.cj.jdbc.MysqlDataSource;
import eu.efgs.gateway.keys.EncryptionConfig;
import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.ConflictRetry;
import eu.efgs.gateway.platform.database.DatabaseConfig;
import eu.efgs.gateway.platform.database.Schema;
import eu.efgs.gateway.platform.database.Transactions;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateStore;
import eu.efgs.gateway.trust.KeyStrength;
import eu.efgs.gateway.trust.RecordSeal;
import eu.efgs.gateway.trust.RegistryReport;
import eu.efgs.gateway.trust.TrustAnchor;
import eu.efgs.gateway.trust.TrustConfig;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.hibernate.validator.HibernateValidator;

/**
 * What an operator command needs, built without the server: the gateway's own configuration (system properties,
 * environment, {@code .env}, {@code config/application.properties} beside the working directory, the packaged
 * {@code application.properties}, profiles such as {@code demo}) read by the same typed mappings, and its
 * database (the configured server, or the embedded one the gateway uses), migrated. Each part is made when a
 * command first asks for it, so {@code cert list} does not load what only {@code batch run} needs.
 */
final class ToolContext {

    /** A setting a command needs is missing or unusable (exit code 3). */
    static final class ConfigurationProblem extends RuntimeException {
        ConfigurationProblem(String message) {
            super(message, null, false, false);
        }
    }

    final Clock clock = Clock.systemUTC();
    private SmallRyeConfig config;
    private DataSource dataSource;
    private Transactions transactions;
    private PayloadCipher cipher;
    private TrustAnchor anchor;

    SmallRyeConfig config() {
        if (config == null) {
            config = build();
        }
        return config;
    }

    /** A typed part of the configuration (only what a command uses must be present). */
    <T> T mapping(Class<T> type) {
        try {
            // Validated as at the gateway's start-up, so a command never runs with values the gateway refuses.
            return builder().withMapping(type).withValidator((BeanValidationConfigValidator) ToolContext::validator)
                    .build().getConfigMapping(type);
        } catch (NoSuchElementException | IllegalArgumentException | io.smallrye.config.ConfigValidationException e) {
            throw new ConfigurationProblem(e.getMessage());
        }
    }

    /** Whether the gateway's configuration, from any of its sources, names a database server. */
    static boolean databaseConfigured() {
        return build().getOptionalValue("quarkus.datasource.jdbc.url", String.class).isPresent();
    }

    /** The gateway's database, migrated to the current schema (a first command may run before any gateway). */
    DataSource database() {
        if (dataSource == null) {
            if (config().getOptionalValue("quarkus.datasource.jdbc.url", String.class).isEmpty()) {
                QuickStartDatabase.startTheProvidedOne(); // joins a running gateway's, or starts it
                config = build(); // the embedded database's address and key are system properties now
            }
            MysqlDataSource mysql = new MysqlDataSource();
            mysql.setURL(url());
            mysql.setUser(config().getOptionalValue("quarkus.datasource.username", String.class).orElse(""));
            mysql.setPassword(config().getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
            Schema.migrate(mysql);
            dataSource = mysql;
        }
        return dataSource;
    }

    PayloadCipher cipher() {
        if (cipher == null) {
            database(); // the embedded database brings the development key
            try {
                cipher = PayloadCipher.of(mapping(EncryptionConfig.class));
            } catch (IllegalStateException e) {
                throw new ConfigurationProblem(e.getMessage());
            }
        }
        return cipher;
    }

    TrustAnchor anchor() {
        if (anchor == null) {
            try {
                anchor = TrustAnchor.load(mapping(TrustConfig.class).anchorCertificate());
            } catch (IllegalStateException e) {
                throw new ConfigurationProblem(e.getMessage());
            }
        }
        return anchor;
    }

    /** Units of work on the database, retried on conflicts as the gateway's are ({@code efgs.database.*}). */
    Transactions transactions() {
        if (transactions == null) {
            transactions = new Transactions(database(),
                    new ConflictRetry(ConflictRetry.Policy.of(mapping(DatabaseConfig.class))));
        }
        return transactions;
    }

    CertificateStore store() {
        return new CertificateStore(transactions());
    }

    RecordSeal recordSeal() {
        return new RecordSeal(cipher().currentKeyId(), cipher().secretKeys());
    }

    CertificateLifecycle lifecycle() {
        TrustConfig trust = mapping(TrustConfig.class);
        return new CertificateLifecycle(anchor(), new KeyStrength(trust.minRsaKeyBits(), trust.minEcKeyBits()),
                store(), recordSeal(), clock);
    }

    RegistryReport report() {
        return new RegistryReport(store(), anchor(), recordSeal());
    }

    /** The JDBC URL with the gateway's connection settings (timeouts, time zone) as URL parameters. */
    private String url() {
        String url = config().getValue("quarkus.datasource.jdbc.url", String.class);
        String prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        TreeMap<String, String> properties = new TreeMap<>();
        for (String name : config().getPropertyNames()) {
            if (name.startsWith(prefix)) {
                properties.put(name.substring(prefix.length()), config().getValue(name, String.class));
            }
        }
        StringBuilder full = new StringBuilder(url);
        properties.forEach((name, value) -> full.append(full.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(value));
        return full.toString();
    }

    private static Validator validator;

    private static synchronized Validator validator() {
        if (validator == null) {
            validator = Validation.byProvider(HibernateValidator.class).configure().buildValidatorFactory()
                    .getValidator();
        }
        return validator;
    }

    private static SmallRyeConfig build() {
        return builder().build();
    }

    private static SmallRyeConfigBuilder builder() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                // Quarkus's converters (found as services), so "5m" reads as a Duration here as in the gateway.
                .addDiscoveredConverters()
                .withProfile(System.getProperty("quarkus.profile",
                        System.getenv().getOrDefault("QUARKUS_PROFILE", "prod")))
                .withSources(new DotEnvConfigSourceProvider())
                .withValidateUnknown(false);
        try {
            Path beside = Path.of("config", "application.properties");
            if (Files.isReadable(beside)) {
                builder.withSources(new PropertiesConfigSource(beside.toUri().toURL(), 260));
            }
            URL packaged = ToolContext.class.getClassLoader().getResource("application.properties");
            if (packaged != null) {
                builder.withSources(new PropertiesConfigSource(packaged, 250));
            }
        } catch (IOException e) {
            throw new ConfigurationProblem("Cannot read application.properties: " + e.getMessage());
        }
        return builder;
    }
}
