package eu.efgs.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hibernate.validator.HibernateValidator;

/**
 * A {@code @ConfigMapping} built and validated as Quarkus does at start-up (SmallRye Config with the discovered
 * converters, Quarkus's among them, and bean validation of the mapping), without booting the application.
 */
public final class ConfigMappings {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .buildValidatorFactory().getValidator();

    private ConfigMappings() {
    }

    /** The configuration with {@code type} mapped from {@code values} (and the mapping's defaults). */
    public static SmallRyeConfig config(Class<?> type, Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(values, "test", 400))
                .withMapping(type)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .withValidateUnknown(false)
                .build();
    }

    public static <T> T mapping(Class<T> type, Map<String, String> values) {
        return config(type, values).getConfigMapping(type);
    }

    /** Why {@code values} are refused: the message start-up would fail with. */
    public static String refusal(Class<?> type, Map<String, String> values) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> config(type, values),
                () -> values + " should be refused");
        if (!(refused instanceof ConfigValidationException || refused instanceof IllegalArgumentException
                || refused instanceof NoSuchElementException)) {
            throw new AssertionError("Unexpected failure for " + values, refused);
        }
        return refused.getMessage();
    }
}
