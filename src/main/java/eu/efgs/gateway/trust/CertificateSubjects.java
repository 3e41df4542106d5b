package eu.efgs.gateway.trust;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reads attributes from a certificate's subject structure (no string parsing of the DN). */
public final class CertificateSubjects {

    private CertificateSubjects() {
    }

    /** All values of the country (C) attribute in the subject, in order. */
    public static List<String> countries(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = subject.getRDNs(BCStyle.C);
        return Arrays.stream(rdns)
                .flatMap(rdn -> Arrays.stream(rdn.getTypesAndValues()))
                .filter(value -> BCStyle.C.equals(value.getType()))
                .map(value -> IETFUtils.valueToString(value.getValue()))
                .toList();
    }
}
