package io.orderflow.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A strategy's process gets the client and what it pulls in: the JDK and Jackson, never Flink,
 * Parquet, Hadoop or anything else. The build lists the runtime dependencies before the tests run
 * (client/pom.xml); this reads that list, and ArchUnit the compiled classes.
 */
class ClientDependenciesTest {

    /** {@code group:artifact:type:version:scope}, as maven-dependency-plugin's list writes a resolved artifact. */
    private static final Pattern ARTIFACT = Pattern.compile("^\\s*([\\w.-]+):([\\w.-]+):[\\w.-]+:(?:[\\w.-]+:)?[\\w.-]+:(compile|runtime)\\b");

    @Test
    void theRuntimeClassPathIsJacksonOnly() throws Exception {
        Path list = Path.of(System.getProperty("client.runtimeDependencies", "client/target/runtime-dependencies.txt"));
        List<String> artifacts = Files.readAllLines(list).stream()
                .map(ARTIFACT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1) + ":" + m.group(2))
                .sorted()
                .toList();
        assertThat(artifacts).as("runtime dependencies in " + list).containsExactly(
                "com.fasterxml.jackson.core:jackson-annotations",
                "com.fasterxml.jackson.core:jackson-core",
                "com.fasterxml.jackson.core:jackson-databind");
    }

    @Test
    void theClassesUseTheJdkJacksonAndThemselvesOnly() {
        // The module's own classes (directory or jar): scanning the test class path for the package takes 20 s.
        JavaClasses client = new ClassFileImporter().importUrl(Timeframe.class.getProtectionDomain().getCodeSource().getLocation());
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.orderflow.client..")
                .check(client);
    }
}
