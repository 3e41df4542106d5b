package eu.efgs.gateway.keys;

/** A key that breaks a rule: its zero-based index in the request and the rule. */
public record KeyFinding(int index, KeyRule rule, String message) {

    static KeyFinding of(int index, KeyRule rule) {
        return new KeyFinding(index, rule, rule.message());
    }
}
