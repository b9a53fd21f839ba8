package com.boxncase.invites.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** invite-api is packaged by feature, and its features do not depend on each other in circles. */
class ArchitectureTest {

    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.boxncase.invites.api");

    @Test
    void packagesAreFeaturesNotLayers() {
        noClasses()
                .should()
                .resideInAnyPackage(
                        "..controller..",
                        "..controllers..",
                        "..service..",
                        "..services..",
                        "..repository..",
                        "..repositories..",
                        "..dto..",
                        "..model..",
                        "..util..",
                        "..helper..")
                .check(api);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("com.boxncase.invites.api.(*)..")
                .should()
                .beFreeOfCycles()
                .check(api);
    }

    @Test
    void onlyTheInviteFeatureTouchesInviteInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.boxncase.invites.api.invite..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.boxncase.invites.api.invite..")
                .check(api);
    }
}
