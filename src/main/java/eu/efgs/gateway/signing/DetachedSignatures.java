package eu.efgs.gateway.signing;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Client-side check of a detached CMS signature with a given certificate (auditors re-verify uploads with it). */
public final class DetachedSignatures {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private DetachedSignatures() {
    }

    /** True when every SignerInfo verifies over {@code content} with {@code signer}'s key. */
    public static boolean verify(byte[] content, String base64Cms, X509Certificate signer) {
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content),
                    Base64.getDecoder().decode(base64Cms.trim()));
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.isEmpty()) {
                return false;
            }
            for (SignerInformation info : signers) {
                if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(PROVIDER).build(signer))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) { // malformed CMS or key mismatch: does not verify
            return false;
        }
    }
}
