package org.trucewatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The stage packages depend on each other in the direction of the data flow only. */
class StageDependencyTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.trucewatch");

  @Test
  void stagesDependOnlyOnEarlierStages() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("observation")
        .definedBy("org.trucewatch.observation..")
        .layer("geo")
        .definedBy("org.trucewatch.geo..")
        .layer("scoring")
        .definedBy("org.trucewatch.scoring..")
        .layer("incident")
        .definedBy("org.trucewatch.incident..")
        .layer("assessment")
        .definedBy("org.trucewatch.assessment..")
        .layer("run")
        .definedBy("org.trucewatch.run..")
        .whereLayer("run")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("assessment")
        .mayOnlyBeAccessedByLayers("run")
        .whereLayer("incident")
        .mayOnlyBeAccessedByLayers("assessment", "run")
        .whereLayer("scoring")
        .mayOnlyBeAccessedByLayers("incident", "assessment", "run")
        .whereLayer("geo")
        .mayOnlyBeAccessedByLayers("scoring", "incident", "assessment", "run")
        .check(CORE);
  }

  @Test
  void coreDoesNoFileOrNetworkIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .check(CORE);
  }
}
