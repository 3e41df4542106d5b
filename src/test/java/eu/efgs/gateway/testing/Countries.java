package eu.efgs.gateway.testing;

import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.OnboardingException;
import eu.efgs.gateway.trust.RegistryRow;
import eu.efgs.gateway.trust.Seals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Registers fresh national-backend certificates through the real onboarding service. */
public final class Countries {

    private Countries() {
    }

    /** A new self-signed EC certificate for {@code country}, onboarded as {@code type}. */
    public static Pki.Credential onboarded(CertificateLifecycle onboarding, String country, CertificateType type) {
        Pki.Credential credential = Pki.selfSigned("C=" + country + ",O=Test backend,CN=" + country + " " + type
                + " " + System.nanoTime(), Pki.KeyType.EC_P256);
        onboard(onboarding, country, type, credential);
        return credential;
    }

    /** Onboards a shared credential (e.g. the operator's) unless an earlier test class did so already. */
    public static void onboardOnce(CertificateLifecycle onboarding, String country, CertificateType type,
                                   Pki.Credential credential) {
        try {
            onboarding.onboard(new CertificateLifecycle.Request(country, type, credential.pem(), null),
                    Seals.readPrivateKey(Files.readString(TestPki.ANCHOR_KEY)));
        } catch (OnboardingException e) {
            if (e.reason() != OnboardingException.Reason.ALREADY_REGISTERED) {
                throw new IllegalStateException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegistryRow onboard(CertificateLifecycle onboarding, String country, CertificateType type,
                                            Pki.Credential credential) {
        try {
            return onboarding.onboard(new CertificateLifecycle.Request(country, type, credential.pem(), null),
                    Seals.readPrivateKey(Files.readString(TestPki.ANCHOR_KEY)));
        } catch (OnboardingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
