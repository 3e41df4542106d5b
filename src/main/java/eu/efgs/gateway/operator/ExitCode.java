package eu.efgs.gateway.operator;

/** Exit codes of the operator commands (README "Operator commands"). */
final class ExitCode {

    /** Done. */
    static final int OK = 0;
    /** Failed: the database could not be reached, or an unexpected error (the message says which). */
    static final int FAILED = 1;
    /** Refused: the input or the registry's state does not allow it; nothing was changed. */
    static final int REFUSED = 2;
    /** A setting the command needs is missing or unusable (trust anchor, encryption key, database URL). */
    static final int CONFIGURATION = 3;

    private ExitCode() {
    }
}
