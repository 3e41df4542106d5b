package eu.efgs.gateway.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * Encryption at rest of key payloads ({@code efgs.encryption.*}). The key comes from the environment
 * ({@code EFGS_ENCRYPTION_KEY}, base64 of 32 random bytes, e.g. {@code openssl rand -base64 32}); it is never
 * committed. Rotation: give the new key a new id and move the old one to {@code previous-keys}.
 */
@ConfigMapping(prefix = "efgs.encryption")
public interface EncryptionConfig {

    /** Identifier stored with every payload written with {@link #key()}. */
    @WithDefault("k1")
    @Pattern(regexp = "[A-Za-z0-9_-]{1,16}")
    String keyId();

    /** Base64 AES-256 key (32 bytes). */
    String key();

    /** Older keys by id, still used to read payloads written with them. */
    Map<String, String> previousKeys();
}
