package eu.efgs.archfixture.beta;

import eu.efgs.archfixture.alpha.Alpha;

/** Deliberately wrong (ArchitectureTest): closes the cycle alpha → beta → alpha. */
public record Beta(String name) {

    public String describedBy(Alpha alpha) {
        return alpha.describe(this);
    }
}
