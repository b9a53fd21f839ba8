package com.boxncase.invites.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/**
 * invite-api is packaged by feature, and its features do not depend on each other in circles; its controllers are
 * plain beans.
 */
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

    /**
     * Spring MVC checks constraints on a controller method's parameters itself (answered by {@code ApiErrors}); a
     * class-level {@code @Validated} would wrap every call of the controller in a validating proxy as well.
     */
    @Test
    void controllersAreNotWrappedInAValidatingProxy() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .beAnnotatedWith(Validated.class)
                .check(api);
    }
}
