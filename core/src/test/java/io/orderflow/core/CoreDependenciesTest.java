package io.orderflow.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is the domain a strategy or a tool can use without a Flink job: it touches no engine and no file format. */
class CoreDependenciesTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderflow.core");

    @Test
    void coreUsesNoFlinkParquetOrHadoop() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.flink..", "org.apache.parquet..", "org.apache.hadoop..")
                .check(CORE);
    }

    @Test
    void coreUsesNoOtherModule() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.orderflow.job..", "io.orderflow.testkit..", "io.orderflow.tools..")
                .check(CORE);
    }
}
