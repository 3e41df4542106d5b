package eu.efgs.gateway.trust;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Adds a national-backend certificate to the registry after checking it; on any failure nothing is stored. */
@ApplicationScoped
public class CertificateOnboarding {

    private static final Logger LOG = Logger.getLogger(CertificateOnboarding.class);

    @Inject
    TrustAnchor anchor;

    @Inject
    TrustConfig config;

    @Inject
    CertificateRegistry registry;

    @Inject
    Clock clock;

    /** A certificate to onboard: the PEM text is stored (and sealed) exactly as given. */
    public record Request(String country, CertificateType type, String pem, String host) {
    }

    /** Onboards with a seal made offline by the operator (e.g. {@code openssl dgst -sha256 -sign}). */
    public CertificateEntity onboard(Request request, String seal) throws OnboardingException {
        X509Certificate certificate = check(request);
        if (!anchor.verifies(request.pem(), seal)) {
            throw new OnboardingException(OnboardingException.Reason.SEAL_INVALID,
                    "The seal does not verify with the trust anchor over this exact PEM text");
        }
        return store(request, seal.trim(), certificate);
    }

    /** Onboards, sealing with the trust-anchor private key. */
    public CertificateEntity onboard(Request request, PrivateKey anchorKey) throws OnboardingException {
        X509Certificate certificate = check(request);
        String seal = Seals.seal(request.pem(), anchorKey, anchor.certificate());
        if (!anchor.verifies(request.pem(), seal)) {
            throw new OnboardingException(OnboardingException.Reason.SEAL_INVALID,
                    "The given key is not the trust anchor's private key");
        }
        return store(request, seal, certificate);
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
        var weakness = new KeyStrength(config.minRsaKeyBits(), config.minEcKeyBits())
                .weakness(certificate.getPublicKey());
        if (weakness.isPresent()) {
            throw new OnboardingException(OnboardingException.Reason.KEY_TOO_WEAK, weakness.get());
        }
        return certificate;
    }

    private CertificateEntity store(Request request, String seal, X509Certificate certificate)
            throws OnboardingException {
        String thumbprint = Thumbprints.of(certificate);
        if (isRegistered(thumbprint)) {
            throw alreadyRegistered(thumbprint);
        }
        CertificateEntity row = new CertificateEntity();
        row.createdAt = clock.instant();
        row.thumbprint = thumbprint;
        row.country = request.country();
        row.type = request.type();
        row.host = request.host();
        row.signature = seal;
        row.rawData = request.pem();
        try {
            QuarkusTransaction.requiringNew().run(row::persistAndFlush);
        } catch (RuntimeException e) {
            if (!isRegistered(thumbprint)) {
                throw e;
            }
            throw alreadyRegistered(thumbprint); // lost a race with a concurrent onboarding: the constraint held
        }
        registry.forget(thumbprint);
        LOG.infof("Onboarded %s certificate for %s: thumbprint %s, valid until %s", request.type(),
                request.country(), thumbprint, certificate.getNotAfter().toInstant());
        return row;
    }

    private static boolean isRegistered(String thumbprint) {
        return QuarkusTransaction.requiringNew().call(() -> CertificateEntity.findByThumbprint(thumbprint)).isPresent();
    }

    private static OnboardingException alreadyRegistered(String thumbprint) {
        return new OnboardingException(OnboardingException.Reason.ALREADY_REGISTERED,
                "A certificate with thumbprint " + thumbprint + " is already registered");
    }
}
