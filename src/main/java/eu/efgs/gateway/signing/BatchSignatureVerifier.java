package eu.efgs.gateway.signing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import eu.efgs.gateway.trust.CertificateLookup;
import eu.efgs.gateway.trust.CertificateRegistry;
import eu.efgs.gateway.trust.CertificateSubjects;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.Thumbprints;
import eu.efgs.gateway.trust.TrustedCertificate;
import eu.interop.DiagnosisKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.logging.Logger;

/**
 * Verifies the detached CMS signature of an upload (EFGS §5.1, with its gaps closed): every SignerInfo must verify
 * over the canonical bytes and belong to one and the same embedded certificate, which must be inside its validity
 * dates, have exactly one country equal to the uploader's, be registered as that country's SIGNING certificate
 * (intact seal, not revoked), and every key's origin must be that country.
 */
@ApplicationScoped
public class BatchSignatureVerifier {

    private static final Logger LOG = Logger.getLogger(BatchSignatureVerifier.class);
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final Set<String> SHA1_DIGESTS = Set.of("1.3.14.3.2.26");
    /**
     * Digests of the signed content by the JDK, whose SHA-256 uses the processor's instructions (BouncyCastle's is
     * plain Java); signatures by BouncyCastle, whose ECDSA verifies P-256 about four times faster than JDK 17's.
     */
    private static final DigestCalculatorProvider DIGESTS = jdkDigests();

    /**
     * A verifier per signing certificate, built once: building one (certificate conversion, provider look-ups) was a
     * tenth of the signature check of a small upload. It holds only the certificate's public key; registration and
     * revocation are checked on every upload, before it is used.
     */
    private final Cache<X509CertificateHolder, SignerInformationVerifier> verifiers = Caffeine.newBuilder()
            .maximumSize(1_000).build();

    @Inject
    CertificateRegistry registry;

    @Inject
    SigningConfig config;

    @Inject
    Clock clock;

    /** Verifies {@code batchSignature} over {@code signedBytes}, the canonical bytes of {@code keys}. */
    public SignatureCheck verify(String batchSignature, byte[] signedBytes, List<DiagnosisKey> keys,
                                 String uploaderCountry) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(batchSignature.trim());
        } catch (IllegalArgumentException e) {
            return SignatureCheck.refused(SignatureCheck.Reason.NOT_BASE64);
        }
        if (der.length == 0) {
            return SignatureCheck.refused(SignatureCheck.Reason.NOT_BASE64);
        }
        CMSSignedData signedData;
        try {
            ContentInfo info = ContentInfo.getInstance(der);
            if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
                return SignatureCheck.refused(SignatureCheck.Reason.NOT_SIGNED_DATA);
            }
            signedData = new CMSSignedData(new CMSProcessableByteArray(signedBytes), info);
        } catch (Exception e) { // BouncyCastle reports malformed input with assorted runtime exceptions
            return SignatureCheck.refused(SignatureCheck.Reason.NOT_CMS);
        }
        return verify(signedData, keys, uploaderCountry);
    }

    private SignatureCheck verify(CMSSignedData signedData, List<DiagnosisKey> keys, String uploaderCountry) {
        Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return SignatureCheck.refused(SignatureCheck.Reason.NO_SIGNER);
        }
        X509CertificateHolder signerHolder = null;
        for (SignerInformation signer : signers) {
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signedData.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_CERTIFICATE_MISSING);
            }
            X509CertificateHolder holder = matches.iterator().next();
            if (signerHolder != null && !signerHolder.equals(holder)) {
                return SignatureCheck.refused(SignatureCheck.Reason.SIGNERS_DIFFER);
            }
            signerHolder = holder;
        }
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(signerHolder);
        } catch (Exception e) {
            return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_CERTIFICATE_MISSING);
        }
        Instant now = clock.instant();
        if (now.isBefore(certificate.getNotBefore().toInstant())
                || now.isAfter(certificate.getNotAfter().toInstant())) {
            return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_CERTIFICATE_NOT_VALID_NOW);
        }
        List<String> countries = CertificateSubjects.countries(certificate);
        if (countries.size() != 1) {
            return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_COUNTRY_MISSING);
        }
        String signerCountry = countries.get(0);
        if (!signerCountry.equals(uploaderCountry)) {
            return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_COUNTRY_MISMATCH);
        }
        CertificateLookup lookup = registry.find(Thumbprints.of(certificate), signerCountry, CertificateType.SIGNING);
        if (lookup.outcome() == CertificateLookup.Outcome.REVOKED) {
            return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_REVOKED);
        }
        if (!lookup.valid()) {
            return SignatureCheck.refused(SignatureCheck.Reason.SIGNER_NOT_REGISTERED);
        }
        if (keys.stream().anyMatch(key -> !signerCountry.equals(key.getOrigin()))) {
            return SignatureCheck.refused(SignatureCheck.Reason.ORIGIN_MISMATCH);
        }
        boolean sha1 = signers.stream().anyMatch(signer -> SHA1_DIGESTS.contains(signer.getDigestAlgOID()));
        if (sha1 && !config.allowSha1()) {
            return SignatureCheck.refused(SignatureCheck.Reason.SHA1_NOT_ALLOWED);
        }
        for (SignerInformation signer : signers) {
            if (!cryptographicallyValid(signer, signerHolder)) {
                return SignatureCheck.refused(SignatureCheck.Reason.SIGNATURE_MISMATCH);
            }
        }
        TrustedCertificate registered = lookup.certificate().orElseThrow();
        if (sha1) {
            LOG.warnf("Accepted a SHA-1 based batch signature from %s (signing certificate %s); "
                    + "efgs.signing.allow-sha1 can refuse them", signerCountry, registered.thumbprint());
        }
        return new SignatureCheck(SignatureCheck.Reason.VALID, Optional.of(registered));
    }

    private boolean cryptographicallyValid(SignerInformation signer, X509CertificateHolder certificate) {
        try {
            SignerInformationVerifier verifier = verifiers.get(certificate, BatchSignatureVerifier::verifierOf);
            return signer.verify(verifier);
        } catch (Exception e) { // malformed signer infos surface as assorted exceptions: all mean "does not verify"
            return false;
        }
    }

    private static SignerInformationVerifier verifierOf(X509CertificateHolder certificate) {
        try {
            return new JcaSignerInfoVerifierBuilder(DIGESTS).setProvider(PROVIDER).build(certificate);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalArgumentException("No verifier for this certificate's key", e); // "does not verify"
        }
    }

    private static DigestCalculatorProvider jdkDigests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("The JDK offers no message digests", e);
        }
    }
}
