package eu.efgs.gateway.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Country attributes of a DN received as text from a load balancer. RFC 4514 (escapes, quoting, multi-valued
 * RDNs) is honoured; text that is not valid RFC 4514 (some balancers and the original's tests send such
 * strings, e.g. {@code O=Test Firma GmbH,C=DE,U=,TR,TT=43}) falls back to the original's plain
 * {@code key=value} split so that such clients keep working.
 */
public final class DistinguishedNames {

    private DistinguishedNames() {
    }

    /** Every C value, upper-cased, in order of appearance. */
    public static List<String> countries(String dn) {
        List<String> countries = new ArrayList<>();
        try {
            List<Rdn> rdns = new ArrayList<>(new LdapName(dn).getRdns());
            java.util.Collections.reverse(rdns); // LdapName lists RDNs right to left
            for (Rdn rdn : rdns) {
                var attributes = rdn.toAttributes().getAll();
                while (attributes.hasMoreElements()) {
                    var attribute = attributes.nextElement();
                    if ("C".equalsIgnoreCase(attribute.getID())) {
                        var values = attribute.getAll();
                        while (values.hasMoreElements()) {
                            countries.add(String.valueOf(values.nextElement()).trim().toUpperCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (javax.naming.NamingException | IllegalArgumentException e) {
            countries.clear();
            for (String part : dn.split(",")) {
                String[] pair = part.split("=");
                if (pair.length == 2 && "C".equalsIgnoreCase(pair[0].trim())) {
                    countries.add(pair[1].trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        return countries;
    }
}
