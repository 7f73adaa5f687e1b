package org.sentio.app.ui.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.triage.Contribution;
import org.sentio.affect.triage.TriageInput;
import org.sentio.affect.triage.TriageRules;
import org.sentio.affect.triage.Vital;
import org.sentio.affect.triage.Vitals;
import org.sentio.app.live.Microphones;

/**
 * The intake's patient voice and face on the real models: a voice note imported with its
 * transcript, one recorded from a microphone, the webcam on the virtual camera, and the bad inputs
 * (an unreadable audio file, a transcript that does not parse) answered without losing anything.
 */
class ClinicalIntakeFlowTest {
  @TempDir Path temp;
  ClinicalHarness app;

  @AfterEach
  void close() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private Contribution contribution(Contribution.Source source) {
    return app.view.lastCard().contributions().stream()
        .filter(c -> c.source() == source)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + source + " contribution on the card"));
  }

  private List<String> reasons() {
    return app
        .robot
        .lookup("#clinical-reasons")
        .queryAs(javafx.scene.layout.VBox.class)
        .getChildren()
        .stream()
        .map(n -> ((javafx.scene.control.Label) n).getText())
        .toList();
  }

  @Test
  void anImportedVoiceNoteGivesTheCardItsVoiceDistressAndTheComplaintItsTranscript()
      throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    Path transcript = Files.writeString(temp.resolve("note.txt"), "I have chest pain since noon\n");
    app.choosers.voiceNote = ClinicalHarness.ANGRY_SPEECH;
    app.choosers.transcript = transcript;
    VisibleClicks.clickOn(app.robot, "#clinical-voice-import");
    ClinicalHarness.await(
        120, "the voice distress", () -> app.text("#clinical-voice-status").startsWith("Voice"));
    assertThat(app.text("#clinical-voice-status"))
        .matches(
            "Voice distress \\d\\.\\d\\d \\(confidence \\d\\.\\d\\d, \\d+ window\\(s\\)\\)"
                + " from 03-01-05-02-01-01-01.flac");
    assertThat(app.robot.lookup("#clinical-complaint").queryTextInputControl().getText())
        .isEqualTo("I have chest pain since noon");
    assertThat(app.text("#clinical-transcript-note")).contains("no offline speech recognition");

    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    Contribution voice = contribution(Contribution.Source.VOICE);
    assertThat(reasons())
        .anySatisfy(
            r -> assertThat(r).startsWith("[voice]").endsWith("from 03-01-05-02-01-01-01.flac"))
        .anySatisfy(r -> assertThat(r).contains("red-flag cue: chest pain"));

    // The card reads what the analysis pipeline reads in the same file, through the triage rules.
    List<AffectEstimate> expected =
        app
            .engine
            .analyse(
                new AnalysisRequest(
                    ClinicalHarness.ANGRY_SPEECH, null, null, "t", app.settings.analysisOptions()),
                ProgressListener.NONE,
                () -> false)
            .windows()
            .stream()
            .map(w -> w.estimate(Modality.VOICE))
            .filter(AffectEstimate::isPresent)
            .toList();
    assertThat(expected).isNotEmpty();
    Contribution direct =
        TriageRules.assess(new TriageInput("", Vitals.none(), expected, null))
            .contributions()
            .stream()
            .filter(c -> c.source() == Contribution.Source.VOICE)
            .findFirst()
            .orElseThrow();
    assertThat(voice).isEqualTo(direct);
  }

  @Test
  void typedComplaintIsKeptUntilTheUserChoosesAndBadInputLosesNothing() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    VisibleClicks.clickOn(app.robot, "#clinical-complaint").write("fell off a ladder");
    app.robot.interact(() -> app.view.vitalField(Vital.HEART_RATE).setText("92"));

    // An audio file that is not audio: a clear message naming it, nothing entered is lost.
    Path notAudio = Files.writeString(temp.resolve("not-audio.wav"), "this is not a recording");
    app.choosers.voiceNote = notAudio;
    app.choosers.transcript = null;
    VisibleClicks.clickOn(app.robot, "#clinical-voice-import");
    ClinicalHarness.await(
        120, "the refusal", () -> app.text("#clinical-voice-status").startsWith("Cannot read"));
    assertThat(app.text("#clinical-voice-status"))
        .contains("not-audio.wav")
        .contains("choose an audio file");
    assertThat(app.robot.lookup("#clinical-voice-import").queryButton().isDisabled()).isFalse();

    // A transcript that does not parse: refused before any model runs, nothing changed.
    Path badSrt = Files.writeString(temp.resolve("bad.srt"), "1\nnot a time line\nhello\n");
    app.choosers.voiceNote = ClinicalHarness.ANGRY_SPEECH;
    app.choosers.transcript = badSrt;
    VisibleClicks.clickOn(app.robot, "#clinical-voice-import");
    ClinicalHarness.await(
        30,
        "the transcript refusal",
        () -> app.text("#clinical-voice-status").startsWith("The transcript cannot be read"));
    assertThat(app.text("#clinical-voice-status")).contains("bad.srt");

    // A good note: its transcript is offered, not written over the typed complaint.
    app.choosers.transcript =
        Files.writeString(
            temp.resolve("note.srt"), "1\n00:00:00,000 --> 00:00:02,000\nmy chest hurts\n");
    VisibleClicks.clickOn(app.robot, "#clinical-voice-import");
    ClinicalHarness.await(
        120, "the voice distress", () -> app.text("#clinical-voice-status").startsWith("Voice"));
    assertThat(app.robot.lookup("#clinical-complaint").queryTextInputControl().getText())
        .isEqualTo("fell off a ladder");
    assertThat(app.text("#clinical-transcript-question")).contains("my chest hurts");
    VisibleClicks.clickOn(app.robot, "#clinical-transcript-append");
    assertThat(app.robot.lookup("#clinical-complaint").queryTextInputControl().getText())
        .isEqualTo("fell off a ladder\nmy chest hurts");
    assertThat(
            app.robot
                .lookup("#clinical-transcript-question")
                .queryLabeled()
                .getParent()
                .isVisible())
        .isFalse();
    assertThat(app.view.vitalField(Vital.HEART_RATE).getText()).isEqualTo("92");
  }

  @Test
  void cancellingTheAnalysisChangesNothing() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    // Ten minutes of a quiet tone: long enough that the analysis is still running at the click.
    app.choosers.voiceNote = tone(temp.resolve("long-note.wav"), 600);
    app.choosers.transcript = Files.writeString(temp.resolve("note.txt"), "my chest hurts\n");
    VisibleClicks.clickOn(app.robot, "#clinical-voice-import");
    assertThat(app.text("#clinical-voice-status")).isEqualTo("Analysing long-note.wav…");
    VisibleClicks.clickOn(app.robot, "#clinical-voice-cancel");
    ClinicalHarness.await(
        120,
        "the cancellation",
        () ->
            app.text("#clinical-voice-status")
                .equals("Voice note analysis cancelled; nothing was changed."));
    assertThat(app.robot.lookup("#clinical-complaint").queryTextInputControl().getText()).isEmpty();
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    assertThat(reasons()).noneSatisfy(r -> assertThat(r).startsWith("[voice]"));
  }

  private static Path tone(Path file, int seconds) throws IOException {
    int rate = 16_000;
    byte[] pcm = new byte[seconds * rate * 2];
    for (int i = 0; i < seconds * rate; i++) {
      short v = (short) (800 * Math.sin(2 * Math.PI * 220 * i / rate));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, seconds * rate)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }

  @Test
  void aRecordedVoiceNoteIsAnalysedAndNotKeptOnDisk() throws Exception {
    app =
        ClinicalHarness.open(
            "en", ClinicalHarness.FACE, ClinicalHarness.playing(ClinicalHarness.ANGRY_SPEECH));
    VisibleClicks.clickOn(app.robot, "#clinical-voice-record");
    assertThat(app.text("#clinical-voice-record")).isEqualTo("Stop recording");
    ClinicalHarness.await(
        30,
        "the recording's level",
        () ->
            app.text("#clinical-voice-status").startsWith("Recording from Test microphone")
                && app.robot
                        .lookup("#clinical-voice-progress")
                        .queryAs(javafx.scene.control.ProgressBar.class)
                        .getProgress()
                    > 0);
    // The microphone's clip ends by itself; the note is analysed as it stops.
    ClinicalHarness.await(
        120, "the voice distress", () -> app.text("#clinical-voice-status").startsWith("Voice"));
    assertThat(app.text("#clinical-voice-status")).endsWith("from the recorded voice note");
    assertThat(app.text("#clinical-voice-record")).isEqualTo("Record voice note");
    try (var notes =
        Files.list(Path.of(System.getProperty("java.io.tmpdir")))
            .filter(p -> p.getFileName().toString().startsWith("sentio-voice-note-"))) {
      assertThat(notes).isEmpty();
    }
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    assertThat(reasons()).anySatisfy(r -> assertThat(r).startsWith("[voice]"));
  }

  @Test
  void theWebcamReadsAFaceOnTheVirtualCameraAndFeedsTheCard() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    assertThat(reasons()).noneSatisfy(r -> assertThat(r).startsWith("[face]"));
    VisibleClicks.clickOn(app.robot, "#clinical-webcam");
    ClinicalHarness.await(
        120, "a face distress reading", () -> app.text("#clinical-face-status").startsWith("Face"));
    assertThat(app.text("#clinical-face-status"))
        .matches(
            "Face distress \\d\\.\\d\\d \\(confidence \\d\\.\\d\\d, \\d+ picture\\(s\\)\\)"
                + " from virtual camera: astronaut.png");
    assertThat(
            app.robot
                .lookup("#clinical-webcam-preview")
                .queryAs(javafx.scene.image.ImageView.class)
                .getImage())
        .isNotNull();
    VisibleClicks.clickOn(app.robot, "#clinical-webcam");
    ClinicalHarness.await(
        20,
        "the webcam to stop and the card to be reassessed",
        () -> reasons().stream().anyMatch(r -> r.startsWith("[face]")));
    assertThat(contribution(Contribution.Source.FACE).evidence()).contains("distress");
    assertThat(reasons())
        .anySatisfy(r -> assertThat(r).endsWith("from virtual camera: astronaut.png"));
  }

  @Test
  void aCameraWithoutAFaceSaysSoAndGivesTheCardNoFaceDistress() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.NO_FACE, Microphones.NONE);
    VisibleClicks.clickOn(app.robot, "#clinical-webcam");
    ClinicalHarness.await(
        120,
        "the no-face note",
        () ->
            app.text("#clinical-face-status")
                .equals("No face seen yet on virtual camera: chelsea.png"));
    VisibleClicks.clickOn(app.robot, "#clinical-webcam");
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    assertThat(reasons()).noneSatisfy(r -> assertThat(r).startsWith("[face]"));
  }
}
