package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.live.CaptureException;
import org.sentio.app.live.MicrophoneLine;
import org.sentio.app.live.Microphones;
import org.sentio.app.ui.live.LiveViewModel;

/** The microphone choice in Live, without the toolkit: what is offered, and an absent choice. */
class LiveMicrophoneChoiceTest {
  @TempDir Path data;

  private LiveViewModel model(Microphones microphones, String chosen) {
    Settings d = Settings.defaults(data);
    Settings s =
        new Settings(
            d.language(),
            d.theme(),
            "virtual",
            chosen,
            data.resolve("demo.mp4").toString(),
            d.analysisFps(),
            d.windowSeconds(),
            0,
            "tester");
    return new LiveViewModel(
        null,
        null,
        TaskExecutor.sameThread(),
        (t, m, e) -> {
          throw new AssertionError("no error dialog expected: " + m);
        },
        I18n.forLanguage("en"),
        () -> s,
        data,
        microphones);
  }

  @Test
  void offersTheCamerasOwnSoundNoneAndTheMicrophonesPresent() {
    Microphones two =
        new Microphones() {
          @Override
          public List<String> names() {
            return List.of("USB Mic", "Headset");
          }

          @Override
          public MicrophoneLine open(String name) throws CaptureException {
            throw new CaptureException("busy", null);
          }
        };
    LiveViewModel model = model(two, "Headset");
    assertThat(model.microphones()).containsExactly("virtual", "none", "USB Mic", "Headset");
    assertThat(model.microphonePresent()).isTrue();
    assertThat(model.microphoneProperty().get()).isEqualTo("Headset");
  }

  @Test
  void aChosenMicrophoneThatIsNotPresentIsAClearMessageNotAnError() {
    LiveViewModel model = model(Microphones.NONE, "USB Mic");
    assertThat(model.microphones()).containsExactly("virtual", "none");
    assertThat(model.microphonePresent()).isFalse();

    model.startPreview();

    assertThat(model.stateProperty().get()).isEqualTo(LiveViewModel.State.IDLE);
    assertThat(model.messageProperty().get())
        .isEqualTo("No microphone found: USB Mic is not present. Choose another, or none.");
  }

  @Test
  void theNoneFoundNoteIsInBothLanguages() {
    assertThat(I18n.forLanguage("en").get("settings.microphone.noneFound"))
        .isEqualTo("No microphone found on this computer");
    assertThat(I18n.forLanguage("zh-CN").get("settings.microphone.noneFound"))
        .isEqualTo("这台电脑上没有找到麦克风");
  }
}
