package eu.efgs.gateway.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's main classes keep the layout: no package cycle, BouncyCastle only in signing and trust, platform at
 * the bottom, tools on top. The rules are also run on a small fixture with a deliberate cycle and a deliberate
 * BouncyCastle use, so a rule that stopped finding anything would fail here too.
 */
class ArchitectureTest {

    private static final String ROOT = "eu.efgs.gateway";
    private static final String FIXTURE = "eu.efgs.archfixture";

    private static JavaClasses gateway;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        fixture = new ClassFileImporter().importPackages(FIXTURE);
        assertTrue(gateway.size() > 100, "the gateway's main classes were imported: " + gateway.size());
    }

    @Test
    void featurePackagesHaveNoCycle() {
        ArchitectureRules.noCycles(ROOT).check(gateway);
    }

    @Test
    void bouncyCastleOnlyInSigningAndTrust() {
        ArchitectureRules.bouncyCastleOnlyInSigningAndTrust(ROOT).check(gateway);
    }

    @Test
    void platformKnowsNoFeature() {
        ArchitectureRules.platformAtTheBottom(ROOT).check(gateway);
    }

    @Test
    void featuresDoNotUseTheTools() {
        ArchitectureRules.featuresBelowTools(ROOT).check(gateway);
    }

    @Test
    void theServerNamesNoToolItLeavesOut() {
        ArchitectureRules.serverWithoutTools(ROOT).check(gateway);
    }

    @Test
    void aDeliberateCycleFails() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ArchitectureRules.noCycles(FIXTURE).check(fixture));
        assertTrue(failure.getMessage().contains("alpha") && failure.getMessage().contains("beta"),
                failure.getMessage());
    }

    @Test
    void bouncyCastleOutsideSigningFails() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ArchitectureRules.bouncyCastleOnlyInSigningAndTrust(FIXTURE).check(fixture));
        assertTrue(failure.getMessage().contains("org.bouncycastle"), failure.getMessage());
    }
}
