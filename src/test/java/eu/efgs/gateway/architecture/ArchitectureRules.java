package eu.efgs.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout the README's "Working on the code" describes, as rules over a root package: one package per feature,
 * no cycles between them, {@code platform} at the bottom, the tools (client, benchmark, operator commands) on top,
 * BouncyCastle only where certificates and signatures are handled.
 */
final class ArchitectureRules {

    /** The server's features: what the gateway serves. Tools may use them, never the other way round. */
    static final String[] FEATURES = {"audit", "batching", "callback", "dashboard", "download", "identity", "keys",
        "retention", "signing", "statistics", "trust", "upload"};

    /** Built on top of the server: a national backend's client, the benchmark, the operators' command line. */
    static final String[] TOOLS = {"client", "benchmark", "operator", "quickstart"};

    /** Left out of the server artifact ({@code -Dserver}): nothing that stays in it may name them. */
    static final String[] OUTSIDE_THE_SERVER = {"client", "benchmark", "quickstart"};

    private ArchitectureRules() {
    }

    /** No cycle between the root's first-level packages (a feature and everything below it is one slice). */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** BouncyCastle stays behind the signing and trust packages' own types. */
    static ArchRule bouncyCastleOnlyInSigningAndTrust(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".signing..", root + ".trust..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..");
    }

    /** The platform knows no feature and no tool. */
    static ArchRule platformAtTheBottom(String root) {
        return noClasses().that().resideInAPackage(root + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, FEATURES, TOOLS));
    }

    /** The server never reaches up into the tools built on it. */
    static ArchRule featuresBelowTools(String root) {
        return noClasses().that().resideInAnyPackage(packages(root, FEATURES))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, TOOLS));
    }

    /** The server artifact compiles without the tools: only the tools themselves refer to them. */
    static ArchRule serverWithoutTools(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(packages(root, OUTSIDE_THE_SERVER))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, OUTSIDE_THE_SERVER));
    }

    private static String[] packages(String root, String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).map(name -> root + "." + name + "..")
                .toArray(String[]::new);
    }
}
