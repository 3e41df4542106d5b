package eu.efgs.gateway.callback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Callback settings ({@code efgs.callback.*}). */
@ConfigMapping(prefix = "efgs.callback")
public interface CallbackConfig {

    /**
     * Test environments only: accept loopback, private and other non-public callback addresses. Off by default;
     * the gateway warns at start-up when it is on.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
