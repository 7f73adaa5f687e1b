package org.sentio.acceptance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of DESIGN.md: app → automation → reports → fusion-model → {capture,
 * moe-runtime}.
 */
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
  void automationDoesNotImportTheApp() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.automation..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.sentio.app..")
        .because("workflows are shared by the CLI, the desktop app and the cluster job")
        .check(classes);
  }

  @Test
  void nothingBelowTheAppImportsAutomation() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.sentio.capture..",
            "org.sentio.runtime..",
            "org.sentio.affect..",
            "org.sentio.reports..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.sentio.automation..")
        .because("arrows point one way: app → automation → reports → fusion-model")
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
  void sparkJobUsesTheAnalysisModulesNotTheApp() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.app..", "javafx..")
        .because("the archive job runs on headless executors with the analysis modules only")
        .check(classes);
  }

  @Test
  void nothingOfOursReachesIntoSpark() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.sentio.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.spark..", "org.apache.spark..", "scala..")
        .because(
            "Spark stays out of the desktop app's class path (sentio cluster starts a child JVM)")
        .check(classes);
  }

  @Test
  void learningIsALibraryBelowTheApp() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.learning..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.app..", "org.sentio.reports..", "javafx..")
        .because("private learning is a library used by the CLI and the UI alike, not code in app")
        .check(classes);
  }

  @Test
  void fusionModelDoesNotReachIntoLearning() {
    noClasses()
        .that()
        .resideInAnyPackage("org.sentio.affect..", "org.sentio.runtime..", "org.sentio.capture..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.sentio.learning..")
        .because("learning builds on the fusion model and the runtime, not the other way round")
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

  @Test
  void theFeatureCacheSitsUnderThePipeline() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.affect.cache..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.sentio.affect.pipeline..",
            "org.sentio.affect.fusion..",
            "org.sentio.app..",
            "org.sentio.automation..",
            "org.sentio.spark..")
        .because(
            "the cache keeps what the perception models computed; the pipeline uses it, never the"
                + " other way round, and fusion results are never cached")
        .check(classes);
  }

  @Test
  void onlyTheFeatureCacheUsesCaffeineAndItsOwnIndexFile() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.sentio.affect.cache..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.benmanes.caffeine..")
        .because("the cache's memory level is an implementation detail of org.sentio.affect.cache")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("org.sentio.affect..")
        .and()
        .resideOutsideOfPackage("org.sentio.affect.cache..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .because(
            "below the app only the feature cache keeps an SQLite file (its own, not the store)")
        .check(classes);
  }

  @Test
  void monitoringIsBelowTheDesktopAndOnlyItServesPrometheus() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.app.monitoring..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.app.ui..", "org.sentio.app.cli..", "javafx..")
        .because("the CLI and the desktop both measure into it; it shows nothing itself")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.sentio.app.monitoring..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.sun.net.httpserver..", "io.micrometer.prometheusmetrics..")
        .because(
            "the only listening socket is the Prometheus endpoint, on 127.0.0.1, off by default")
        .check(classes);
  }

  @Test
  void theWorkflowRunnerOfTheAppIsNotPartOfTheDesktopUi() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.app.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.app.ui..", "javafx..")
        .because("the daemon and the desktop app run the same engine; pages only watch it")
        .check(classes);
  }

  @Test
  void faceToSpeakerLinkingDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.affect.facelink..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.sentio.affect.pipeline..",
            "org.sentio.affect.face..",
            "org.sentio.affect.speech..",
            "org.sentio.app..",
            "org.sentio.spark..")
        .because(
            "the linker sets plain mouth series against speech spans; the pipeline feeds it"
                + " (decision 41)")
        .check(classes);
  }

  @Test
  void sharingAndAuditExportAreBelowTheCliAndTheDesktop() {
    noClasses()
        .that()
        .resideInAnyPackage("org.sentio.app.share..", "org.sentio.app.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sentio.app.ui..", "org.sentio.app.cli..", "javafx..")
        .because(
            "`sentio share`/`sentio audit export` and the desktop's menu and page run the same code")
        .check(classes);
  }

  @Test
  void theStoreRepositoriesDependOnNothingAboveThem() {
    noClasses()
        .that()
        .resideInAPackage("org.sentio.app.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.sentio.app",
            "org.sentio.app.ui..",
            "org.sentio.app.cli..",
            "org.sentio.app.live..",
            "org.sentio.app.workflows..",
            "org.sentio.app.share..",
            "org.sentio.app.audit..",
            "org.sentio.app.monitoring..",
            "javafx..")
        .because(
            "the desktop, the CLI and the workflow runner all read and write through the same"
                + " per-aggregate repositories (decision 49)")
        .check(classes);
  }
}
