package org.sentio.app.live;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * Microphones through Java Sound: every mixer with a {@link TargetDataLine} that records 16-bit PCM
 * at 16 or 48 kHz, mono or stereo (the first of these it supports is used).
 */
public final class JavaSoundMicrophones implements Microphones {
  /** The formats tried, best first. */
  static final List<AudioFormat> FORMATS =
      List.of(
          new AudioFormat(16_000, 16, 1, true, false),
          new AudioFormat(48_000, 16, 1, true, false),
          new AudioFormat(16_000, 16, 2, true, false),
          new AudioFormat(48_000, 16, 2, true, false));

  @Override
  public List<String> names() {
    List<String> found = new ArrayList<>();
    try {
      for (Mixer.Info info : AudioSystem.getMixerInfo()) {
        if (format(info) != null && !found.contains(info.getName())) {
          found.add(info.getName());
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // no sound system: no microphones to offer
    }
    return found;
  }

  private static AudioFormat format(Mixer.Info info) {
    try {
      Mixer mixer = AudioSystem.getMixer(info);
      for (AudioFormat f : FORMATS) {
        if (mixer.isLineSupported(new DataLine.Info(TargetDataLine.class, f))) {
          return f;
        }
      }
    } catch (RuntimeException e) {
      // a mixer that cannot be asked is not offered
    }
    return null;
  }

  @Override
  public MicrophoneLine open(String name) throws CaptureException {
    for (Mixer.Info info : AudioSystem.getMixerInfo()) {
      if (!info.getName().equals(name)) {
        continue;
      }
      AudioFormat f = format(info);
      if (f == null) {
        continue;
      }
      try {
        TargetDataLine line =
            (TargetDataLine)
                AudioSystem.getMixer(info).getLine(new DataLine.Info(TargetDataLine.class, f));
        line.open(f, (int) (f.getFrameRate() * f.getFrameSize() / 5));
        line.start();
        return new MicrophoneLine() {
          @Override
          public AudioFormat format() {
            return f;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            return line.isOpen() ? line.read(buffer, offset, length) : -1;
          }

          @Override
          public void close() {
            line.stop();
            line.close();
          }
        };
      } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
        throw new CaptureException(
            name + ": the microphone cannot be opened (" + e.getMessage() + ")", e);
      }
    }
    throw new CaptureException(name + ": no microphone of that name is present", null);
  }
}
