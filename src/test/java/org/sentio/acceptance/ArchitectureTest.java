package org.sentio.acceptance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module arrows of DESIGN.md: app → reports → fusion-model → {capture, moe-runtime}. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importSentio() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sentio");
  }

  @Test
  void captureDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.capture..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.sentio.runtime..",
            "org.sentio.affect..",
            "org.sentio.reports..",
            "org.sentio.app..")
        .because("capture is the bottom layer: media in, nothing of ours")
        .check(classes);
  }

  @Test
  void runtimeDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.sentio.capture..",
            "org.sentio.affect..",
            "org.sentio.reports..",
            "org.sentio.app..")
        .because("moe-runtime hosts ONNX Runtime for any model and knows no domain")
        .check(classes);
  }

  @Test
  void fusionModelDoesNotReachUp() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.affect..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.reports..", "org.sentio.app..")
        .because("arrows point one way: app → reports → fusion-model")
        .check(classes);
  }

  @Test
  void reportsDoNotImportTheApp() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.reports..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.sentio.app..")
        .because("nothing imports app")
        .check(classes);
  }

  @Test
  void javaFxAppearsOnlyInTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.sentio.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .because("reports draw charts without JavaFX and the pipeline runs headless")
        .check(classes);
  }

  @Test
  void voskIsUsedOnlyByTheSpeechPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.sentio.affect.speech..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.vosk..", "com.sun.jna..")
        .because(
            "the speech package owns Vosk's native model and recognisers and closes them;"
                + " everything else sees words")
        .check(classes);
  }
}
