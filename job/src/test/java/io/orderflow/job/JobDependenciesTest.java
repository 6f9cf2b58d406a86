package io.orderflow.job;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The job's own classes use the testkit and the tools only in tests: its jar is what a cluster runs.
 * {@code JobJarIT} checks the built jar itself.
 */
class JobDependenciesTest {

    private static final JavaClasses JOB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderflow.job");

    @Test
    void theJobUsesNeitherTheTestkitNorTheTools() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.orderflow.testkit..", "io.orderflow.tools..", "org.java_websocket..")
                .check(JOB);
    }
}
