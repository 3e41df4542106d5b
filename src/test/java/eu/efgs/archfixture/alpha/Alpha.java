package eu.efgs.archfixture.alpha;

import eu.efgs.archfixture.beta.Beta;
import org.bouncycastle.util.encoders.Hex;

/** Deliberately wrong (ArchitectureTest): depends on beta, which depends back on alpha, and uses BouncyCastle. */
public final class Alpha {

    public String describe(Beta beta) {
        return Hex.toHexString(beta.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
