package com.boxncase.invites.expiry;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The feature packages ({@code expiry}, {@code reminder}, {@code purge}) stand alone: they share only the invite
 * document's shape ({@code invite}), and only {@code run} composes them.
 */
@AnalyzeClasses(packages = "com.boxncase.invites.expiry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOther = slices().matching("com.boxncase.invites.expiry.(*)..")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(resideInAPackage("com.boxncase.invites.expiry.run.."), alwaysTrue());

    @ArchTest
    static final ArchRule featuresDoNotKnowHowTheyAreScheduled = noClasses()
            .that()
            .resideOutsideOfPackage("com.boxncase.invites.expiry.run..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.boxncase.invites.expiry.run..");
}
