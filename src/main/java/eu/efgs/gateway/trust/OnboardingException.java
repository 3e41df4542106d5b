package eu.efgs.gateway.trust;

/** Onboarding refused; nothing was stored. */
public class OnboardingException extends Exception {

    /** Which rule refused the certificate. */
    public enum Reason {
        NOT_A_CERTIFICATE, PRIVATE_KEY_GIVEN, COUNTRY_MISMATCH, EXPIRED, KEY_TOO_WEAK, SEAL_INVALID,
        ALREADY_REGISTERED, BAD_COUNTRY
    }

    private final Reason reason;

    public OnboardingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
