package dev.leadstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages form a graph without cycles: a base that imports nothing of ours, a generic
 * database layer, features on top, and the composition root (this package) above everything.
 */
class PackageStructureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.leadstore");

    @Test
    void no_two_packages_depend_on_each_other_even_through_others() {
        slices().matching("dev.leadstore.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void nothing_depends_on_the_composition_root() {
        noClasses().that().resideInAPackage("dev.leadstore.*..")
                .should().dependOnClassesThat().resideInAPackage("dev.leadstore")
                .check(MAIN);
    }

    @Test
    void the_base_imports_nothing_of_ours() {
        classes().that().resideInAPackage("dev.leadstore.base..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.leadstore.base..", "java..",
                        "com.fasterxml.jackson..",
                        // The meters every feature reports to (base.Metrics).
                        "io.micrometer..")
                .check(MAIN);
    }

    @Test
    void the_database_layer_knows_no_feature_and_no_http() {
        noClasses().that().resideInAPackage("dev.leadstore.db..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.leadstore.http..", "dev.leadstore.account..",
                        "dev.leadstore.auth..", "dev.leadstore.contact..", "dev.leadstore.opportunity..",
                        "dev.leadstore.person..", "dev.leadstore.idempotency..", "dev.leadstore.ratelimit..",
                        "io.javalin..")
                .check(MAIN);
    }

    @Test
    void stores_and_validators_never_import_the_web_framework() {
        noClasses().that().haveSimpleNameEndingWith("Store").or().haveSimpleNameEndingWith("Input")
                .or().resideInAnyPackage("dev.leadstore.base..", "dev.leadstore.person..")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(MAIN);
    }
}
