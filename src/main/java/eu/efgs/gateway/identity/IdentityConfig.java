package eu.efgs.gateway.identity;

import eu.efgs.gateway.platform.CidrRange;
import eu.efgs.gateway.platform.CidrRangeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** How callers are identified ({@code efgs.identity.*}). */
@ConfigMapping(prefix = "efgs.identity")
public interface IdentityConfig {

    /** Load-balancer header mode, for deployments where a proxy terminates mutual TLS. */
    HeaderMode headerMode();

    interface HeaderMode {

        /** Off by default: identity then comes only from the gateway's own TLS handshake. */
        @WithDefault("false")
        boolean enabled();

        /**
         * Addresses (CIDR or single IP) of the proxies whose identity headers are believed. Requests from any
         * other address are identified by their own TLS certificate, and their headers are ignored. Parsed when the
         * configuration is read, so a bad entry stops start-up instead of the first request.
         */
        Optional<List<@WithConverter(CidrRangeConverter.class) CidrRange>> trustedProxies();

        /**
         * Which identity headers the proxy sets (and strips from what clients send): the thumbprint with the
         * subject DN, as EFGS's balancer did, or the whole certificate. Only these are read; any other identity
         * header on a request is ignored, so a client cannot add one the proxy does not overwrite.
         */
        @WithDefault("THUMBPRINT_AND_DN")
        IdentityHeaders identityHeaders();

        @WithDefault("X-SSL-Client-SHA256")
        String thumbprintHeader();

        @WithDefault("X-SSL-Client-DN")
        String distinguishedNameHeader();

        /** Header with the whole URL-encoded PEM client certificate, for proxies that can only forward that. */
        @WithDefault("X-SSL-Client-Cert")
        String certificateHeader();
    }

    /** The identity headers a proxy can forward. */
    enum IdentityHeaders { THUMBPRINT_AND_DN, CERTIFICATE }
}
