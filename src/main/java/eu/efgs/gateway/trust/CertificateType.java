package eu.efgs.gateway.trust;

/** What a registered certificate may be used for; stored by name, as the original did. */
public enum CertificateType {
    /** TLS client certificate of a national backend. */
    AUTHENTICATION,
    /** Certificate inside the CMS signature of an upload. */
    SIGNING,
    /** TLS server certificate of a national backend's callback receiver. */
    CALLBACK
}
