package eu.efgs.gateway.identity;

import eu.efgs.gateway.platform.ErrorCode;
import eu.efgs.gateway.platform.GatewayException;
import eu.efgs.gateway.platform.RequestHeaders;
import eu.efgs.gateway.trust.CertificateLookup;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.CertificateRegistry;
import eu.efgs.gateway.trust.CertificateSubjects;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Turns a request into a {@link ClientIdentity}, in the original's order: credentials missing → 403; no single
 * country → 400; not a registered, intact AUTHENTICATION certificate of that country → 403; revoked → 403; and,
 * new here, outside its validity dates → 403.
 */
@Startup
@ApplicationScoped
public class ClientAuthenticator {

    /** Thumbprint and subject countries a caller presented, before any registry check. */
    record Presented(Optional<String> thumbprint, List<String> countries, ClientIdentity.Source source) {
    }

    @Inject
    IdentityConfig config;

    @Inject
    CertificateRegistry registry;

    @Inject
    Clock clock;

    /** How a registered certificate is looked up: from the registry, or from memory only (empty: not known). */
    private interface Lookup {
        Optional<CertificateLookup> find(String thumbprint, String country, CertificateType type);
    }

    public ClientIdentity authenticate(HttpServerRequest request) {
        return authenticate(request, (thumbprint, country, type) ->
                Optional.of(registry.find(thumbprint, country, type))).orElseThrow();
    }

    /**
     * The caller's identity if it is accepted and memory alone can tell (no database read, so it may run on an
     * event loop); empty otherwise, and then {@link #authenticate} gives the answer.
     */
    public Optional<ClientIdentity> kept(HttpServerRequest request) {
        try {
            return authenticate(request, registry::kept);
        } catch (GatewayException refused) {
            return Optional.empty();
        }
    }

    private Optional<ClientIdentity> authenticate(HttpServerRequest request, Lookup registered) {
        Presented presented = fromTrustedProxy(request) && sentIdentityHeaders(request) ? fromHeaders(request)
                : fromTls(request.sslSession());
        if (presented.thumbprint().isEmpty()) {
            throw new GatewayException(ErrorCode.CLIENT_CERTIFICATE_MISSING, null);
        }
        if (presented.countries().size() != 1 || !presented.countries().get(0).matches("[A-Z]{2}")) {
            throw new GatewayException(ErrorCode.CLIENT_COUNTRY_MISSING, null);
        }
        String country = presented.countries().get(0);
        String thumbprint = presented.thumbprint().get();
        Optional<CertificateLookup> found = registered.find(thumbprint, country, CertificateType.AUTHENTICATION);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CertificateLookup lookup = found.get();
        switch (lookup.outcome()) {
            case VALID -> { }
            case REVOKED -> throw new GatewayException(ErrorCode.CLIENT_CERTIFICATE_REVOKED, null);
            default -> throw new GatewayException(ErrorCode.CLIENT_NOT_AUTHORIZED, null);
        }
        var certificate = lookup.certificate().orElseThrow();
        if (!certificate.validAt(clock.instant())) {
            throw new GatewayException(ErrorCode.CLIENT_CERTIFICATE_NOT_VALID_NOW,
                    "Client certificate is valid from " + certificate.certificate().getNotBefore().toInstant()
                            + " to " + certificate.certificate().getNotAfter().toInstant());
        }
        return Optional.of(new ClientIdentity(country, thumbprint, presented.source(), certificate));
    }

    private boolean fromTrustedProxy(HttpServerRequest request) {
        if (!config.headerMode().enabled() || request.remoteAddress() == null) {
            return false;
        }
        try {
            InetAddress peer = InetAddress.getByName(request.remoteAddress().hostAddress());
            return config.headerMode().trustedProxies().orElse(List.of()).stream()
                    .anyMatch(range -> range.contains(peer));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether the proxy forwarded an identity. A trusted proxy that forwards none but opened a mutual-TLS
     * connection of its own with a client certificate (e.g. a TLS passthrough hop) is identified by that.
     */
    private boolean sentIdentityHeaders(HttpServerRequest request) {
        var headers = config.headerMode();
        return switch (headers.identityHeaders()) {
            case CERTIFICATE -> request.headers().contains(headers.certificateHeader());
            case THUMBPRINT_AND_DN -> request.headers().contains(headers.thumbprintHeader())
                    || request.headers().contains(headers.distinguishedNameHeader());
        };
    }

    private Presented fromHeaders(HttpServerRequest request) {
        var headers = config.headerMode();
        if (headers.identityHeaders() == IdentityConfig.IdentityHeaders.CERTIFICATE) {
            return header(request, headers.certificateHeader())
                    .flatMap(HeaderValues::certificatePem)
                    .flatMap(ClientAuthenticator::parse)
                    .map(certificate -> presented(certificate, ClientIdentity.Source.PROXY_HEADERS))
                    .orElse(new Presented(Optional.empty(), List.of(), ClientIdentity.Source.PROXY_HEADERS));
        }
        Optional<String> thumbprint = header(request, headers.thumbprintHeader()).flatMap(HeaderValues::thumbprint);
        Optional<String> dn = header(request, headers.distinguishedNameHeader()).flatMap(HeaderValues::urlDecoded);
        if (thumbprint.isEmpty() || dn.isEmpty()) {
            return new Presented(Optional.empty(), List.of(), ClientIdentity.Source.PROXY_HEADERS);
        }
        return new Presented(thumbprint, DistinguishedNames.countries(dn.get()), ClientIdentity.Source.PROXY_HEADERS);
    }

    /** An identity header's one value; a repeated one is refused (a client could have added its own copy). */
    private static Optional<String> header(HttpServerRequest request, String name) {
        return RequestHeaders.atMostOnce(request.headers()::getAll, name);
    }

    private static Presented fromTls(SSLSession session) {
        if (session != null) {
            try {
                Certificate[] chain = session.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    return presented(leaf, ClientIdentity.Source.TLS);
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: falls through to "missing"
            }
        }
        return new Presented(Optional.empty(), List.of(), ClientIdentity.Source.TLS);
    }

    private static Presented presented(X509Certificate certificate, ClientIdentity.Source source) {
        return new Presented(Optional.of(Thumbprints.of(certificate)),
                CertificateSubjects.countries(certificate).stream().map(String::toUpperCase).toList(), source);
    }

    private static Optional<X509Certificate> parse(String pem) {
        try {
            return Optional.of(CertificatePem.parse(pem));
        } catch (CertificatePem.PemException e) {
            return Optional.empty();
        }
    }
}
