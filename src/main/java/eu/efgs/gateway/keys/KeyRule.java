package eu.efgs.gateway.keys;

/** A key validation rule; the name is the code clients see. */
public enum KeyRule {
    KEY_DATA_LENGTH("keyData must be exactly 16 bytes"),
    ROLLING_START_INTERVAL_NUMBER("rollingStartIntervalNumber outside the accepted window"),
    ROLLING_PERIOD("rollingPeriod must be 1..144"),
    TRANSMISSION_RISK_LEVEL("transmissionRiskLevel must be 0..8 or 2147483647"),
    REPORT_TYPE("reportType is not an accepted value"),
    ORIGIN("origin is not an ISO 3166-1 alpha-2 country code"),
    VISITED_COUNTRIES("visitedCountries contains a value that is not an ISO 3166-1 alpha-2 country code"),
    DAYS_SINCE_ONSET_OF_SYMPTOMS("days_since_onset_of_symptoms outside the accepted values");

    private final String message;

    KeyRule(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
