package eu.efgs.gateway.trust;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The allow-list of national-backend certificates. Rows are verified against the trust anchor once and then
 * cached for {@link TrustConfig#cacheTtl()}; a revocation made here drops the cached row at once.
 */
@ApplicationScoped
public class CertificateRegistry {

    private static final Logger LOG = Logger.getLogger(CertificateRegistry.class);

    private record Cached(TrustedCertificate certificate, Instant loadedAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    TrustAnchor anchor;

    @Inject
    TrustConfig config;

    @Inject
    Clock clock;

    /** Finds the certificate with this thumbprint registered for this country and type. */
    public CertificateLookup find(String thumbprint, String country, CertificateType type) {
        CertificateLookup verified = verified(thumbprint);
        if (verified.certificate().isEmpty()) {
            return verified;
        }
        TrustedCertificate certificate = verified.certificate().get();
        if (!certificate.country().equals(country) || certificate.type() != type) {
            return CertificateLookup.of(CertificateLookup.Outcome.OTHER_COUNTRY_OR_TYPE);
        }
        return certificate.revoked()
                ? CertificateLookup.of(CertificateLookup.Outcome.REVOKED, certificate)
                : verified;
    }

    /**
     * Every intact, unrevoked certificate of this country and type that is valid now (e.g. the CALLBACK
     * certificates a callback receiver may present). Rows failing their seal are left out and logged.
     */
    public List<TrustedCertificate> usable(String country, CertificateType type) {
        // thumbprints only: find() takes verified rows from the cache and loads a row just when it must verify it
        List<String> thumbprints = QuarkusTransaction.joiningExisting().call(() -> CertificateEntity.getEntityManager()
                .createQuery("select c.thumbprint from CertificateEntity c where c.country = ?1 and c.type = ?2 "
                        + "and c.revoked = false", String.class)
                .setParameter(1, country).setParameter(2, type).getResultList());
        Instant now = clock.instant();
        return thumbprints.stream().map(thumbprint -> find(thumbprint, country, type))
                .filter(CertificateLookup::valid).map(lookup -> lookup.certificate().orElseThrow())
                .filter(certificate -> certificate.validAt(now)).toList();
    }

    /** The row with this thumbprint, verified against the trust anchor (from the cache while it is fresh). */
    private CertificateLookup verified(String thumbprint) {
        Instant now = clock.instant();
        Cached cached = cache.get(thumbprint);
        if (cached != null && cached.loadedAt().plus(config.cacheTtl()).isAfter(now)) {
            return CertificateLookup.of(CertificateLookup.Outcome.VALID, cached.certificate());
        }
        cache.remove(thumbprint);
        Optional<CertificateEntity> row = QuarkusTransaction.joiningExisting()
                .call(() -> CertificateEntity.findByThumbprint(thumbprint));
        if (row.isEmpty()) {
            return CertificateLookup.of(CertificateLookup.Outcome.NOT_REGISTERED);
        }
        Optional<TrustedCertificate> certificate = CertificateIntegrity.verify(row.get(), anchor);
        if (certificate.isEmpty()) {
            LOG.errorf("TAMPERING: certificate row id=%d (thumbprint %s, country %s, type %s) does not match its "
                    + "trust-anchor seal or thumbprint; it is treated as absent", row.get().id, thumbprint,
                    row.get().country, row.get().type);
            return CertificateLookup.of(CertificateLookup.Outcome.TAMPERED);
        }
        cache.put(thumbprint, new Cached(certificate.get(), now));
        return CertificateLookup.of(CertificateLookup.Outcome.VALID, certificate.get());
    }

    /** Marks the certificate revoked; effective at once on this instance. False when unknown or already revoked. */
    public boolean revoke(String thumbprint) {
        boolean changed = QuarkusTransaction.requiringNew().call(() -> CertificateEntity.update(
                "revoked = true, revokedAt = ?1 where thumbprint = ?2 and revoked = false",
                clock.instant(), thumbprint) == 1);
        cache.remove(thumbprint);
        if (changed) {
            LOG.infof("Certificate %s revoked", thumbprint);
        }
        return changed;
    }

    /** Drops cached rows, e.g. after onboarding replaced one. */
    void forget(String thumbprint) {
        cache.remove(thumbprint);
    }

    public List<CertificateEntity> list() {
        return QuarkusTransaction.joiningExisting().call(() -> CertificateEntity.<CertificateEntity>listAll(
                io.quarkus.panache.common.Sort.by("country").and("type").and("id")));
    }
}
