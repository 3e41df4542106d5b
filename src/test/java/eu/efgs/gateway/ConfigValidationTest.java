package eu.efgs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.efgs.gateway.batching.BatchingConfig;
import eu.efgs.gateway.callback.CallbackConfig;
import eu.efgs.gateway.dashboard.DashboardConfig;
import eu.efgs.gateway.download.DownloadConfig;
import eu.efgs.gateway.identity.IdentityConfig;
import eu.efgs.gateway.keys.EncryptionConfig;
import eu.efgs.gateway.keys.KeyPolicyConfig;
import eu.efgs.gateway.platform.CidrRange;
import eu.efgs.gateway.platform.database.DatabaseConfig;
import eu.efgs.gateway.platform.http.HttpEdgeConfig;
import eu.efgs.gateway.platform.http.ManagementAccess;
import eu.efgs.gateway.retention.RetentionConfig;
import eu.efgs.gateway.signing.SigningConfig;
import eu.efgs.gateway.statistics.StatisticsConfig;
import eu.efgs.gateway.testing.ConfigMappings;
import eu.efgs.gateway.trust.TrustConfig;
import eu.efgs.gateway.upload.UploadConfig;
import eu.interop.ReportType;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code @ConfigMapping} refuses out-of-range, malformed and cross-inconsistent values as start-up does
 * (SmallRye Config with bean validation, as Quarkus builds it), with a message that names the property.
 * {@code ConfigRefusalIT} shows the packaged application itself refusing to start.
 */
class ConfigValidationTest {

    private static final List<Class<?>> MAPPINGS = List.of(BatchingConfig.class, CallbackConfig.class,
            DashboardConfig.class, DownloadConfig.class, IdentityConfig.class, EncryptionConfig.class,
            KeyPolicyConfig.class, DatabaseConfig.class, HttpEdgeConfig.class, ManagementAccess.Config.class,
            RetentionConfig.class, SigningConfig.class, StatisticsConfig.class, TrustConfig.class, UploadConfig.class);

    /** The settings without a default (deployment paths and secrets), with harmless values. */
    private static final Map<String, String> REQUIRED = Map.of("efgs.trust.anchor-certificate", "ta.pem",
            "efgs.encryption.key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    @ParameterizedTest
    @ValueSource(strings = {"prod", "test", "demo"})
    void theCommittedSettingsOfEveryProfileAreWithinTheBounds(String profile) throws Exception {
        var builder = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(REQUIRED, "required", 100))
                .withSources(new PropertiesConfigSource(getClass().getClassLoader()
                        .getResource("application.properties"), 250))
                .withValidator((BeanValidationConfigValidator) () -> Validation.byProvider(HibernateValidator.class)
                        .configure().buildValidatorFactory().getValidator())
                .withValidateUnknown(false);
        MAPPINGS.forEach(builder::withMapping);
        var config = builder.build();
        assertEquals(Duration.ofMinutes(5), config.getConfigMapping(BatchingConfig.class).interval());
        assertEquals(Duration.ofSeconds(10), config.getConfigMapping(CallbackConfig.class).interval());
    }

    @Test
    void theJobIntervalsHaveOneDefaultWhichTheScheduleExpressionsFind() {
        var config = ConfigMappings.config(CallbackConfig.class, Map.of());
        assertEquals("10s", config.getValue("efgs.callback.interval", String.class), "CallbackJob's @Scheduled");
        config = ConfigMappings.config(BatchingConfig.class, Map.of());
        assertEquals("5m", config.getValue("efgs.batching.interval", String.class), "BatchingJob's @Scheduled");
        config = ConfigMappings.config(RetentionConfig.class, Map.of());
        assertEquals("0 10 0 * * ?", config.getValue("efgs.retention.cron", String.class), "RetentionJob's");
    }

    @ParameterizedTest
    @CsvSource({
        "efgs.callback.interval, 0.5s", "efgs.callback.interval, 11m",
        "efgs.callback.timeout, PT0.5S", "efgs.callback.timeout, PT3M",
        "efgs.callback.initial-backoff, PT0S", "efgs.callback.initial-backoff, PT2H",
        "efgs.callback.max-backoff, P2D", "efgs.callback.lease, PT2H",
        "efgs.callback.max-per-run, 0", "efgs.callback.max-per-run, 1000000",
        "efgs.batching.interval, 0s", "efgs.batching.interval, 2h",
        "efgs.batching.time-limit, PT0S", "efgs.batching.time-limit, PT3H",
        "efgs.trust.cache-ttl, PT11M", "efgs.trust.cache-ttl, -PT1S", "efgs.trust.expiry-warning, P400D",
        "efgs.trust.min-ec-key-bits, 1024",
        "efgs.dashboard.past-days-ttl, PT2H",
        "efgs.database.probe-interval, PT0.01S", "efgs.database.conflict-attempts, 0",
        "efgs.http.request-timeout, PT1H", "efgs.upload.queue-timeout, PT0S", "efgs.upload.max-body-bytes, 1024",
        "efgs.upload.concurrency, 0", "efgs.retention.max-age-days, 0", "efgs.download.body-cache-megabytes, -1",
        "efgs.signing.max-signature-length, 100", "efgs.keys.max-age-days, 90",
    })
    void aValueOutOfBoundsRefusesStartUpNamingTheProperty(String property, String value) {
        String refusal = ConfigMappings.refusal(mappingOf(property), with(property, value));
        assertTrue(refusal.contains(property), refusal);
    }

    @ParameterizedTest
    @CsvSource({"efgs.callback.timeout, soon", "efgs.batching.interval, often", "efgs.trust.cache-ttl, 5 minutes"})
    void aMalformedDurationRefusesStartUpNamingTheProperty(String property, String value) {
        String refusal = ConfigMappings.refusal(mappingOf(property), with(property, value));
        assertTrue(refusal.contains(property) && refusal.contains(value), refusal);
    }

    @Test
    void theBoundsAdmitWhatTheTestsAndTheClusterTestsUse() {
        CallbackConfig callback = ConfigMappings.mapping(CallbackConfig.class, Map.of("efgs.callback.interval", "1s",
                "efgs.callback.timeout", "PT3S", "efgs.callback.lease", "PT10S",
                "efgs.callback.initial-backoff", "PT20S", "efgs.callback.max-backoff", "PT2M"));
        assertEquals(Duration.ofSeconds(1), callback.interval());
        assertEquals(Duration.ofSeconds(1), ConfigMappings.mapping(BatchingConfig.class,
                Map.of("efgs.batching.interval", "1s")).interval());
        assertEquals(Duration.ZERO, ConfigMappings.mapping(TrustConfig.class, with("efgs.trust.cache-ttl", "PT0S"))
                .cacheTtl());
    }

    @Test
    void aLeaseShorterThanThreeRequestTimeoutsRefusesStartUp() {
        String refusal = ConfigMappings.refusal(CallbackConfig.class,
                Map.of("efgs.callback.timeout", "PT10S", "efgs.callback.lease", "PT29S"));
        assertTrue(refusal.contains("efgs.callback.lease") && refusal.contains("efgs.callback.timeout"), refusal);
        ConfigMappings.mapping(CallbackConfig.class, Map.of("efgs.callback.timeout", "PT10S",
                "efgs.callback.lease", "PT30S"));
    }

    @Test
    void aLongestBackoffShorterThanTheFirstRefusesStartUp() {
        String refusal = ConfigMappings.refusal(CallbackConfig.class,
                Map.of("efgs.callback.initial-backoff", "PT5M", "efgs.callback.max-backoff", "PT1M"));
        assertTrue(refusal.contains("efgs.callback.max-backoff"), refusal);
        refusal = ConfigMappings.refusal(DatabaseConfig.class,
                Map.of("efgs.database.conflict-backoff", "PT1S", "efgs.database.conflict-max-backoff", "PT0.5S"));
        assertTrue(refusal.contains("efgs.database.conflict-max-backoff"), refusal);
    }

    @Test
    void reportTypesAreTheProtobufEnumsValues() {
        KeyPolicyConfig keys = ConfigMappings.mapping(KeyPolicyConfig.class, Map.of());
        Set<ReportType> all = EnumSet.allOf(ReportType.class);
        all.remove(ReportType.UNRECOGNIZED);
        assertEquals(all, keys.reportTypes(), "every defined report type by default");
        keys = ConfigMappings.mapping(KeyPolicyConfig.class,
                Map.of("efgs.keys.report-types", "CONFIRMED_TEST,SELF_REPORT"));
        assertEquals(Set.of(ReportType.CONFIRMED_TEST, ReportType.SELF_REPORT), keys.reportTypes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "efgs.keys.report-types; CONFIRMED_TEST,SELF_REPORTED",
        "efgs.keys.report-types; UNRECOGNIZED",
        "efgs.keys.dsos; LENIENT",
        "efgs.keys.extra-country-codes; UK,Europe",
        "efgs.identity.header-mode.identity-headers; CERT",
        "efgs.statistics.operator-thumbprints; 0a1b",
    })
    void anUnknownEnumeratedValueRefusesStartUpNamingTheProperty(String property, String value) {
        String refusal = ConfigMappings.refusal(mappingOf(property), Map.of(property, value));
        assertTrue(refusal.contains(property), refusal);
    }

    @Test
    void trustedProxiesAreParsedWhenTheConfigurationIsRead() throws Exception {
        IdentityConfig identity = ConfigMappings.mapping(IdentityConfig.class,
                Map.of("efgs.identity.header-mode.trusted-proxies", "10.0.0.0/8,127.0.0.2,fd00::/8"));
        List<CidrRange> proxies = identity.headerMode().trustedProxies().orElseThrow();
        assertEquals(List.of(CidrRange.parse("10.0.0.0/8"), CidrRange.parse("127.0.0.2/32"),
                CidrRange.parse("fd00::/8")), proxies);
        assertTrue(proxies.get(0).contains(InetAddress.getByName("10.1.2.3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "proxy.example.org", "999.1.1.1", "10.1.2", "fd00::/129"})
    void aBadTrustedProxyRefusesStartUpNamingTheProperty(String value) {
        String refusal = ConfigMappings.refusal(IdentityConfig.class,
                Map.of("efgs.identity.header-mode.trusted-proxies", "127.0.0.2," + value));
        assertTrue(refusal.contains("efgs.identity.header-mode.trusted-proxies") && refusal.contains(value), refusal);
    }

    private static Class<?> mappingOf(String property) {
        String prefix = property.substring(0, property.indexOf('.', "efgs.".length()));
        return MAPPINGS.stream().filter(type -> Arrays.stream(type.getAnnotations())
                        .anyMatch(a -> a instanceof io.smallrye.config.ConfigMapping m && m.prefix().equals(prefix)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No mapping for " + property));
    }

    /** {@code property = value} with the required settings (for the mappings that have them). */
    private static Map<String, String> with(String property, String value) {
        var values = new java.util.HashMap<>(REQUIRED);
        values.put(property, value);
        return values;
    }
}
