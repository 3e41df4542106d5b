package eu.efgs.gateway.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The allow-list of national-backend certificates, as the gateway consults it. Every lookup reads the row (one
 * indexed query) and checks its record seal, so a revocation or an onboarding by the operator command, on any
 * instance, counts from the very next request; only the costly check of a PEM against the trust anchor is kept
 * per instance, for {@link TrustConfig#cacheTtl()}, and redone whenever the stored PEM differs.
 */
@ApplicationScoped
public class CertificateRegistry {

    private static final Logger LOG = Logger.getLogger(CertificateRegistry.class);

    private record VerifiedPem(String pem, X509Certificate certificate, Instant verifiedAt) {
    }

    private final Map<String, VerifiedPem> verifiedPems = new ConcurrentHashMap<>();

    @Inject
    CertificateStore store;

    @Inject
    TrustAnchor anchor;

    @Inject
    RecordSeal recordSeal;

    @Inject
    TrustConfig config;

    @Inject
    Clock clock;

    /** Finds the certificate with this thumbprint registered for this country and type. */
    public CertificateLookup find(String thumbprint, String country, CertificateType type) {
        Optional<RegistryRow> row = store.find(thumbprint);
        if (row.isEmpty()) {
            return CertificateLookup.of(CertificateLookup.Outcome.NOT_REGISTERED);
        }
        return lookup(row.get(), country, type);
    }

    /**
     * Every intact, unrevoked certificate of this country and type that is valid now (e.g. the CALLBACK
     * certificates a callback receiver may present). Rows failing their checks are left out and logged.
     */
    public List<TrustedCertificate> usable(String country, CertificateType type) {
        Instant now = clock.instant();
        return store.unrevoked(country, type).stream().map(row -> lookup(row, country, type))
                .filter(CertificateLookup::valid).map(lookup -> lookup.certificate().orElseThrow())
                .filter(certificate -> certificate.validAt(now)).toList();
    }

    private CertificateLookup lookup(RegistryRow row, String country, CertificateType type) {
        Optional<TrustedCertificate> certificate = intact(row);
        if (certificate.isEmpty()) {
            return CertificateLookup.of(CertificateLookup.Outcome.TAMPERED);
        }
        if (!row.country().equals(country) || row.type() != type) {
            return CertificateLookup.of(CertificateLookup.Outcome.OTHER_COUNTRY_OR_TYPE);
        }
        return row.revoked()
                ? CertificateLookup.of(CertificateLookup.Outcome.REVOKED, certificate.get())
                : CertificateLookup.of(CertificateLookup.Outcome.VALID, certificate.get());
    }

    /** The row as a trusted certificate, or empty (and a TAMPERING line) when a check fails. */
    private Optional<TrustedCertificate> intact(RegistryRow row) {
        CertificateIntegrity.Check check = CertificateIntegrity.record(row, recordSeal);
        X509Certificate certificate = null;
        if (check == CertificateIntegrity.Check.INTACT) {
            Instant now = clock.instant();
            VerifiedPem verified = verifiedPems.get(row.thumbprint());
            if (verified != null && verified.pem().equals(row.pem())
                    && verified.verifiedAt().plus(config.cacheTtl()).isAfter(now)) {
                certificate = verified.certificate();
            } else {
                CertificateIntegrity.Result result = CertificateIntegrity.pem(row, anchor);
                check = result.check();
                certificate = result.certificate().orElse(null);
                if (certificate != null) {
                    verifiedPems.put(row.thumbprint(), new VerifiedPem(row.pem(), certificate, now));
                } else {
                    verifiedPems.remove(row.thumbprint());
                }
            }
        }
        if (check != CertificateIntegrity.Check.INTACT) {
            LOG.errorf("TAMPERING: certificate row id=%d (thumbprint %s, country %s, type %s) fails its check %s; it "
                    + "is treated as absent", row.id(), row.thumbprint(), row.country(), row.type(), check);
            return Optional.empty();
        }
        return Optional.of(new TrustedCertificate(row.id(), row.thumbprint(), row.country(), row.type(),
                row.revoked(), row.host(), row.pem(), row.seal(), certificate));
    }
}
