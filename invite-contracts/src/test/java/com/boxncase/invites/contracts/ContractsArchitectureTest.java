package com.boxncase.invites.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contracts every deployable shares stay plain Java: records and constants, no framework. */
class ContractsArchitectureTest {

    private final JavaClasses contracts = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.boxncase.invites.contracts");

    @Test
    void contractsDependOnNoFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..", "org.apache.kafka..")
                .check(contracts);
    }

    @Test
    void messagesAreImmutableRecords() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Invite")
                .or()
                .haveSimpleNameEndingWith("Changed")
                .or()
                .haveSimpleNameEndingWith("Event")
                .should()
                .beAssignableTo(Record.class)
                .check(contracts);
    }
}
