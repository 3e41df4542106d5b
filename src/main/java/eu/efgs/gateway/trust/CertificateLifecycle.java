package eu.efgs.gateway.trust;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Changes to the certificate registry: onboarding (after every check; on any failure nothing is stored),
 * revocation, and sealing rows that predate record seals. Plain code shared by the gateway and the operator
 * commands, which run without the server.
 */
public final class CertificateLifecycle {

    private static final Logger LOG = Logger.getLogger(CertificateLifecycle.class);

    private final TrustAnchor anchor;
    private final KeyStrength strength;
    private final CertificateStore store;
    private final RecordSeal recordSeal;
    private final Clock clock;

    public CertificateLifecycle(TrustAnchor anchor, KeyStrength strength, CertificateStore store, RecordSeal recordSeal,
                                Clock clock) {
        this.anchor = anchor;
        this.strength = strength;
        this.store = store;
        this.recordSeal = recordSeal;
        this.clock = clock;
    }

    /** A certificate to onboard: the PEM text is stored (and sealed) exactly as given. */
    public record Request(String country, CertificateType type, String pem, String host) {
    }

    /** Onboards with a seal made offline by the operator (e.g. {@code openssl dgst -sha256 -sign}). */
    public RegistryRow onboard(Request request, String seal) throws OnboardingException {
        X509Certificate certificate = check(request);
        if (!anchor.verifies(request.pem(), seal)) {
            throw new OnboardingException(OnboardingException.Reason.SEAL_INVALID,
                    "The seal does not verify with the trust anchor over this exact PEM text");
        }
        return store(request, seal.trim(), certificate);
    }

    /** Onboards, sealing with the trust-anchor private key. */
    public RegistryRow onboard(Request request, PrivateKey anchorKey) throws OnboardingException {
        X509Certificate certificate = check(request);
        String seal = Seals.seal(request.pem(), anchorKey, anchor.certificate());
        if (!anchor.verifies(request.pem(), seal)) {
            throw new OnboardingException(OnboardingException.Reason.SEAL_INVALID,
                    "The given key is not the trust anchor's private key");
        }
        return store(request, seal, certificate);
    }

    /** A revocation: whether it happened, and the running gateway instances that did not confirm it in time. */
    public record Revocation(boolean revoked, List<String> unconfirmed) {
    }

    /** How long a revocation waits for every running instance to drop what it cached of the certificate. */
    static final Duration CONFIRMATION = Duration.ofSeconds(10);

    /**
     * Revokes the certificate and waits until every running gateway instance has seen it, so that from the moment
     * this returns all of them refuse the certificate (unless listed as unconfirmed). Not revoked when no
     * unrevoked, intact row has this thumbprint.
     */
    public Revocation revoke(String thumbprint) {
        Optional<RegistryRow> row = store.find(thumbprint);
        if (row.isEmpty() || row.get().revoked() || !recordSeal.verifies(row.get())) {
            return new Revocation(false, List.of());
        }
        if (!store.revoke(recordSeal.seal(row.get().revokedAt(clock.instant())))) {
            return new Revocation(false, List.of());
        }
        List<String> unconfirmed = store.awaitSeenEverywhere(CONFIRMATION);
        LOG.infof("Certificate %s revoked", thumbprint);
        return new Revocation(true, unconfirmed);
    }

    /**
     * Seals the decision-relevant columns of rows written before record seals existed (first start after the
     * upgrade). A row whose country is not its certificate's subject country is left unsealed: treated as tampered.
     */
    public int sealUnsealedRows() {
        List<RegistryRow> unsealed = store.withoutRecordSeal();
        int sealed = 0;
        for (RegistryRow row : unsealed) {
            if (CertificateIntegrity.pem(row, anchor).check() == CertificateIntegrity.Check.INTACT
                    && store.setRecordSeal(recordSeal.seal(row))) {
                sealed++;
            }
        }
        if (!unsealed.isEmpty()) {
            LOG.warnf("%d of %d registry rows had no record seal (written before record seals existed) and were "
                    + "sealed now; check them with 'cert list'", sealed, unsealed.size());
        }
        return sealed;
    }

    private X509Certificate check(Request request) throws OnboardingException {
        String country = request.country() == null ? "" : request.country();
        if (!country.matches("[A-Z]{2}")) {
            throw new OnboardingException(OnboardingException.Reason.BAD_COUNTRY,
                    "Country must be two upper-case letters (ISO 3166-1 alpha-2), got '" + country + "'");
        }
        X509Certificate certificate;
        try {
            certificate = CertificatePem.parse(request.pem());
        } catch (CertificatePem.PemException e) {
            throw new OnboardingException(e.problem() == CertificatePem.Problem.PRIVATE_KEY_PRESENT
                    ? OnboardingException.Reason.PRIVATE_KEY_GIVEN
                    : OnboardingException.Reason.NOT_A_CERTIFICATE, e.getMessage());
        }
        List<String> subjectCountries = CertificateSubjects.countries(certificate);
        if (subjectCountries.size() != 1
                || !subjectCountries.get(0).toUpperCase(Locale.ROOT).equals(country)) {
            throw new OnboardingException(OnboardingException.Reason.COUNTRY_MISMATCH,
                    "The certificate subject must have exactly one C attribute equal to " + country
                            + ", found " + subjectCountries);
        }
        if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
            throw new OnboardingException(OnboardingException.Reason.EXPIRED,
                    "The certificate expired at " + certificate.getNotAfter().toInstant());
        }
        Optional<String> weakness = strength.weakness(certificate.getPublicKey());
        if (weakness.isPresent()) {
            throw new OnboardingException(OnboardingException.Reason.KEY_TOO_WEAK, weakness.get());
        }
        return certificate;
    }

    private RegistryRow store(Request request, String seal, X509Certificate certificate) throws OnboardingException {
        String thumbprint = Thumbprints.of(certificate);
        RegistryRow row = recordSeal.seal(new RegistryRow(0, clock.instant(), thumbprint, request.country(),
                request.type(), false, null, request.host(), seal, request.pem(), null, null));
        long id;
        try {
            id = store.insert(row);
        } catch (CertificateStore.AlreadyRegistered e) {
            throw new OnboardingException(OnboardingException.Reason.ALREADY_REGISTERED,
                    "A certificate with thumbprint " + thumbprint + " is already registered");
        }
        LOG.infof("Onboarded %s certificate for %s: thumbprint %s, valid until %s", request.type(),
                request.country(), thumbprint, certificate.getNotAfter().toInstant());
        return new RegistryRow(id, row.createdAt(), thumbprint, row.country(), row.type(), false, null, row.host(),
                seal, row.pem(), row.recordSeal(), row.recordKeyId());
    }
}
