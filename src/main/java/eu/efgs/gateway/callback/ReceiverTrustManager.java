package eu.efgs.gateway.callback;

import eu.efgs.gateway.trust.Thumbprints;
import eu.efgs.gateway.trust.TrustedCertificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a callback receiver only when the certificate it presents is one of the subscribing country's registered
 * certificates (pinned by SHA-256 thumbprint; the registry is the allow-list, no CA is involved), and, when the
 * registry row names a host, only for that host. The name in the certificate is checked against the URL's host by
 * the TLS engine's endpoint identification. The original trusted any country's AUTHENTICATION certificate anywhere
 * in the chain.
 */
final class ReceiverTrustManager implements X509TrustManager {

    private final String country;
    private final String host;
    private final Map<String, TrustedCertificate> registered;

    ReceiverTrustManager(String country, String host, List<TrustedCertificate> registered) {
        this.country = country;
        this.host = host;
        this.registered = registered.stream()
                .collect(Collectors.toMap(TrustedCertificate::thumbprint, Function.identity(), (a, b) -> a));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the callback receiver presented no certificate");
        }
        String thumbprint = Thumbprints.of(chain[0]);
        TrustedCertificate certificate = registered.get(thumbprint);
        if (certificate == null) {
            throw new CertificateException("the callback receiver's certificate " + thumbprint
                    + " is not a registered callback certificate of " + country);
        }
        if (certificate.host() != null && !certificate.host().isBlank()
                && !certificate.host().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) {
            throw new CertificateException("the callback receiver's certificate is registered for host "
                    + certificate.host() + ", not " + host);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Only used for callback receivers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
