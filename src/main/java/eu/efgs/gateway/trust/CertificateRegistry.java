package eu.efgs.gateway.trust;

import eu.efgs.gateway.platform.database.ChangeWatch;
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
 * The allow-list of national-backend certificates, as the gateway consults it. Checked rows are kept per instance
 * under the registry generation they were read at ({@link ChangeWatch}): every change of the registry (revocation,
 * onboarding) moves the generation, and a revocation returns only once every running instance has seen it, so it
 * counts everywhere from the next request. While the watch is not fresh, every lookup reads the row; the costly
 * check of a PEM against the trust anchor is then still kept for {@link TrustConfig#cacheTtl()}, and redone whenever
 * the stored PEM differs.
 */
@ApplicationScoped
public class CertificateRegistry {

    private static final Logger LOG = Logger.getLogger(CertificateRegistry.class);

    private record VerifiedPem(String pem, X509Certificate certificate, Instant verifiedAt) {
    }

    /** A row as checked under a registry generation; the certificate is empty when the row failed its checks. */
    private record Checked(RegistryRow row, Optional<TrustedCertificate> certificate, long generation) {
    }

    private final Map<String, VerifiedPem> verifiedPems = new ConcurrentHashMap<>();
    /** Registered thumbprints only (unknown ones are not kept): bounded by the registry's size. */
    private final Map<String, Checked> rows = new ConcurrentHashMap<>();

    @Inject
    ChangeWatch watch;

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
        long generation = watch.generation(ChangeWatch.REGISTRY); // before reading: a change after it shows
        Checked checked = rows.get(thumbprint);
        if (generation < 0 || checked == null || checked.generation() != generation) {
            Optional<RegistryRow> row = store.find(thumbprint);
            if (row.isEmpty()) {
                return CertificateLookup.of(CertificateLookup.Outcome.NOT_REGISTERED);
            }
            checked = new Checked(row.get(), intact(row.get()), generation);
            if (generation >= 0) {
                rows.put(thumbprint, checked);
            }
        }
        return decide(checked.row(), checked.certificate(), country, type);
    }

    /**
     * As {@link #find}, from the row as stored now: for answers that are evidence (audit entries), where a row
     * changed behind the gateway's back must show at once, not at the registry's next change.
     */
    public CertificateLookup read(String thumbprint, String country, CertificateType type) {
        return store.find(thumbprint).map(row -> lookup(row, country, type))
                .orElseGet(() -> CertificateLookup.of(CertificateLookup.Outcome.NOT_REGISTERED));
    }

    /** As {@link #find}, if the row was checked under the current generation; empty when only the database knows. */
    public Optional<CertificateLookup> kept(String thumbprint, String country, CertificateType type) {
        long generation = watch.generation(ChangeWatch.REGISTRY);
        Checked checked = rows.get(thumbprint);
        return generation >= 0 && checked != null && checked.generation() == generation
                ? Optional.of(decide(checked.row(), checked.certificate(), country, type))
                : Optional.empty();
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
        return decide(row, intact(row), country, type);
    }

    private static CertificateLookup decide(RegistryRow row, Optional<TrustedCertificate> certificate, String country,
                                            CertificateType type) {
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
