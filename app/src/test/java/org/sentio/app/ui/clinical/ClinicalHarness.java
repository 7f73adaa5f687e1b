package org.sentio.app.ui.clinical;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.sound.sampled.AudioFormat;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.app.SentioHome;
import org.sentio.app.live.CaptureException;
import org.sentio.app.live.MicrophoneLine;
import org.sentio.app.live.Microphones;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.ui.Engine;
import org.sentio.app.ui.FxTaskExecutor;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Settings;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One clinical page on the headless toolkit with the shipped models, a background pool, the virtual
 * camera on a chosen file, a microphone that plays a real recording, and choosers that answer with
 * the paths a test sets.
 */
final class ClinicalHarness implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();
  static final Path SHARED =
      Path.of(System.getProperty("sentio.shared.dir", ROOT.resolve("../shared").toString()));
  static final Path CT = SHARED.resolve("testdata/dicom/CT_small.dcm");
  static final Path FACE = SHARED.resolve("testdata/faces/astronaut.png");
  static final Path NO_FACE = SHARED.resolve("testdata/faces/chelsea.png");

  /** An angry RAVDESS clip (actor 1, strong intensity): real speech, 16 kHz mono FLAC. */
  static final Path ANGRY_SPEECH =
      SHARED.resolve("data/speech_ravdess_train/Actor_01/03-01-05-02-01-01-01.flac");

  static final String MICROPHONE = "Test microphone";

  final FxRobot robot = new FxRobot();
  final Choosers choosers = new Choosers();
  final Engine engine;
  final FxTaskExecutor executor = new FxTaskExecutor(2);
  ClinicalView view;
  Stage stage;
  final Path dataDirectory;
  final SessionStore store;
  final AuditRepository audit;
  Settings settings;

  /** Answers each question with the path set last (null: the user cancelled). */
  static final class Choosers implements ClinicalChoosers {
    volatile Path study;
    volatile Path voiceNote;
    volatile Path transcript;
    volatile Path imagingModel;
    volatile Path exportFolder;
    volatile Path cardFile;

    @Override
    public Path study(Window owner) {
      return study;
    }

    @Override
    public Path voiceNote(Window owner) {
      return voiceNote;
    }

    @Override
    public Path transcript(Window owner) {
      return transcript;
    }

    @Override
    public Path imagingModel(Window owner) {
      return imagingModel;
    }

    @Override
    public Path exportFolder(Window owner) {
      return exportFolder;
    }

    @Override
    public Path cardFile(Window owner) {
      return cardFile;
    }
  }

  /** A microphone that says {@code clip} (decoded by FFmpeg) as 16 kHz mono PCM, then stops. */
  static Microphones playing(Path clip) {
    return new Microphones() {
      @Override
      public List<String> names() {
        return List.of(MICROPHONE);
      }

      @Override
      public MicrophoneLine open(String name) throws CaptureException {
        float[] samples;
        try {
          samples = AudioFiles.readMono(clip, 16_000);
        } catch (Exception e) {
          throw new CaptureException(clip + ": " + e.getMessage(), e);
        }
        return new MicrophoneLine() {
          int at;
          volatile boolean closed;

          @Override
          public AudioFormat format() {
            return new AudioFormat(16_000, 16, 1, true, false);
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            if (closed || at >= samples.length) {
              return -1;
            }
            int n = Math.min(length / 2, samples.length - at);
            for (int i = 0; i < n; i++) {
              int v = Math.round(Math.max(-1, Math.min(1, samples[at + i])) * 32767);
              buffer[offset + 2 * i] = (byte) v;
              buffer[offset + 2 * i + 1] = (byte) (v >> 8);
            }
            at += n;
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              return -1;
            }
            return 2 * n;
          }

          @Override
          public void close() {
            closed = true;
          }
        };
      }
    };
  }

  private ClinicalHarness() throws Exception {
    System.setProperty(SentioHome.PROPERTY, ROOT.toString());
    dataDirectory = Files.createTempDirectory("sentio-clinical-");
    store = SessionStore.open(dataDirectory);
    audit = AuditRepository.open(store);
    engine =
        new Engine(
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.AUTO);
  }

  /** Shows a clinical page in {@code language} with the virtual camera on {@code camera}. */
  static ClinicalHarness open(String language, Path camera, Microphones microphones)
      throws Exception {
    ClinicalHarness h = new ClinicalHarness();
    Settings d = Settings.defaults(ROOT);
    Settings settings =
        new Settings(
            language,
            d.theme(),
            "virtual",
            MICROPHONE,
            camera.toString(),
            2.0,
            d.windowSeconds(),
            0,
            "tester");
    h.settings = settings;
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          h.stage = new Stage();
          h.view =
              new ClinicalView(
                  new ClinicalViewModel(
                      I18n.forLanguage(language),
                      h.engine,
                      h.executor,
                      () -> settings,
                      microphones,
                      h.audit),
                  h.choosers);
          h.stage.setScene(new Scene(h.view, 1100, 800));
          h.stage.show();
        });
    WaitForAsyncUtils.waitForFxEvents();
    return h;
  }

  /**
   * The shortest wait: on CI's two cores, with other builds running, a read in the background or a
   * page's layout can take several seconds. A wait ends as soon as its condition holds, so a longer
   * limit costs a passing test nothing; how fast the UI answers is measured by benchmarks.
   */
  static final long LEAST_WAIT_SECONDS = 30;

  /**
   * Waits until {@code condition} holds (checked on the FX thread), at most {@code seconds} or
   * {@link #LEAST_WAIT_SECONDS}, whichever is longer.
   */
  static void await(long seconds, String what, BooleanSupplier condition) throws TimeoutException {
    long limit = Math.max(seconds, LEAST_WAIT_SECONDS);
    try {
      WaitForAsyncUtils.waitFor(
          limit, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    } catch (TimeoutException e) {
      throw new TimeoutException("waited " + limit + " s for " + what);
    }
  }

  /** Opens {@code study} through the page's Open button and waits until it is read or refused. */
  void openStudy(Path study) throws TimeoutException {
    choosers.study = study;
    VisibleClicks.clickOn(robot, "#clinical-open");
    await(30, "the study to open", () -> !text("#clinical-status").startsWith("Opening"));
  }

  /** Waits until the page's export (a de-identified study or a card) has finished. */
  void awaitExport() throws TimeoutException {
    await(
        60,
        "the export to finish",
        () -> !robot.lookup("#clinical-export-progress").query().isVisible());
  }

  String text(String id) {
    return robot.lookup(id).queryLabeled().getText();
  }

  @Override
  public void close() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          view.dispose();
          stage.close();
        });
    executor.close();
    engine.close();
    audit.close();
    store.close();
  }
}
