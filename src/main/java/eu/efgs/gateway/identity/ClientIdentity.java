package eu.efgs.gateway.identity;

import eu.efgs.gateway.trust.TrustedCertificate;

/** The authenticated caller: its country and the registered AUTHENTICATION certificate it presented. */
public record ClientIdentity(String country, String thumbprint, Source source, TrustedCertificate certificate) {

    /** Where the identity came from. */
    public enum Source { TLS, PROXY_HEADERS }
}
