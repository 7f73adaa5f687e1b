package org.sentio.affect.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sentio.affect.speech.StretchPrint;
import org.sentio.affect.speech.speaker.SpeakerClustering;
import org.sentio.affect.speech.speaker.SpeakerEmbedder;
import org.sentio.affect.speech.speaker.SpeakerTurns;
import org.sentio.affect.speech.speaker.StretchPrints;
import org.sentio.affect.vad.SileroVad;
import org.sentio.capture.media.AudioBlock;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.StreamSummary;
import org.sentio.runtime.ModelException;

/**
 * Tells the speakers of recognised utterances apart (mono or mixed audio): turns each utterance's
 * samples into a voice print and clusters the prints. The prints come from the analysis's own
 * decoding pass when the transcript's recogniser (ADR 0052) or a {@link SpeakerWorker} (ADR 0043)
 * made them; otherwise (words from the feature cache) the recording's audio is decoded once more,
 * keeping the samples of one utterance at a time. Only the prints (512 bytes each) are kept, so
 * memory does not grow with the audio.
 */
final class SpeakerPass {
  /**
   * The utterances with their speakers, and the speakers.
   *
   * @param decodedAgain whether the audio was decoded a second time for the voice prints
   */
  record Turns(List<Utterance> utterances, List<Speaker> speakers, boolean decodedAgain) {
    Turns(List<Utterance> utterances, List<Speaker> speakers) {
      this(utterances, speakers, false);
    }
  }

  /**
   * What the analysis's decoding pass heard: a voice print per utterance (from the transcript's
   * recogniser, ADR 0052, or a {@link SpeakerWorker}), or why it could not make them.
   *
   * @param prints the prints in order, or {@code null} when {@code failure} says why not
   */
  record Heard(List<SpeakerTurns.VoicePrint> prints, String failure) {
    /** The prints of {@code utterances} from the prints of the recognised stretches. */
    static Heard fromStretches(List<StretchPrint> stretches, List<Utterance> utterances) {
      List<double[]> spans = new ArrayList<>(utterances.size());
      for (Utterance u : utterances) {
        spans.add(new double[] {u.startSeconds(), u.endSeconds()});
      }
      return new Heard(StretchPrints.ofUtterances(stretches, spans), null);
    }

    /** Whether the prints are of exactly these utterances (same spans, same order). */
    boolean matches(List<Utterance> utterances) {
      if (prints == null || prints.size() != utterances.size()) {
        return false;
      }
      for (int i = 0; i < prints.size(); i++) {
        if (prints.get(i).start() != utterances.get(i).startSeconds()
            || prints.get(i).end() != utterances.get(i).endSeconds()) {
          return false;
        }
      }
      return true;
    }
  }

  private SpeakerPass() {}

  /**
   * The utterances with a speaker each, or the utterances unchanged with a warning added when the
   * speaker model is missing or fails (the analysis goes on without speakers).
   *
   * @param heard the prints made during the analysis's decoding pass, or {@code null} (or prints of
   *     other utterances) to decode the audio again for them
   * @param speakers the number of speakers, or 0 to decide (at most {@link
   *     SpeakerClustering#MAX_SPEAKERS})
   */
  static Turns tell(
      Path media,
      List<Utterance> utterances,
      Heard heard,
      Path speakerModel,
      Path asrModel,
      int speakers,
      List<String> warnings,
      BooleanSupplier cancelled) {
    if (utterances.isEmpty()) {
      return new Turns(utterances, List.of());
    }
    if (heard != null && heard.failure() != null) {
      warnings.add("speakers were not told apart: " + heard.failure());
      return new Turns(utterances, List.of());
    }
    if (heard != null && heard.matches(utterances)) {
      // Clustering needs no embedder: the prints are all there is to it.
      SpeakerTurns clustering = new SpeakerTurns(null, new SpeakerClustering());
      return withSpeakers(utterances, clustering.assign(heard.prints(), speakers, true), false);
    }
    SpeakerTurns.Assignment assignment;
    try (SpeakerEmbedder embedder = SpeakerEmbedder.open(speakerModel, asrModel)) {
      SpeakerTurns turns = new SpeakerTurns(embedder, new SpeakerClustering());
      List<SpeakerTurns.VoicePrint> prints = printAll(media, utterances, turns, cancelled);
      if (prints == null) {
        return new Turns(utterances, List.of(), true);
      }
      assignment = turns.assign(prints, speakers, true);
    } catch (ModelException | MediaException | RuntimeException e) {
      warnings.add("speakers were not told apart: " + e.getMessage());
      return new Turns(utterances, List.of(), true);
    }
    return withSpeakers(utterances, assignment, true);
  }

  private static Turns withSpeakers(
      List<Utterance> utterances, SpeakerTurns.Assignment assignment, boolean decodedAgain) {
    List<Speaker> found = new ArrayList<>();
    for (SpeakerTurns.Speaker s : assignment.speakers()) {
      found.add(
          new Speaker(idOf(s.id()), SpeakerRole.of(s.role().id()), s.channel().orElse(null), null));
    }
    List<Utterance> told = new ArrayList<>(utterances.size());
    for (int i = 0; i < utterances.size(); i++) {
      Utterance u = utterances.get(i);
      told.add(
          new Utterance(
              u.startSeconds(),
              u.endSeconds(),
              u.text(),
              u.affect(),
              idOf(assignment.speakerOfUtterance()[i]),
              u.source(),
              u.confidence(),
              u.words(),
              u.originalText()));
    }
    return new Turns(told, found, decodedAgain);
  }

  /** The id a session uses for speaker number {@code n} (0 first): {@code S1}, {@code S2}, … */
  static String idOf(int n) {
    return "S" + (n + 1);
  }

  /** One voice print per utterance, in order; {@code null} when cancelled. */
  private static List<SpeakerTurns.VoicePrint> printAll(
      Path media, List<Utterance> utterances, SpeakerTurns turns, BooleanSupplier cancelled)
      throws MediaException, ModelException {
    Printer printer = new Printer(utterances, turns);
    // The lowest frame rate the decoder takes: the frames are not looked at.
    CaptureOptions audioOnly = new CaptureOptions(0.01, SileroVad.SAMPLE_RATE);
    try (MediaSource source = MediaSource.open(media, audioOnly)) {
      StreamSummary summary = source.stream(printer, cancelled);
      if (summary.cancelled() || cancelled.getAsBoolean()) {
        return null;
      }
    } catch (PrintFailure e) {
      throw e.getCause();
    }
    printer.finish();
    return printer.prints;
  }

  /** Collects the samples of the current utterance and prints it once the audio passes its end. */
  private static final class Printer implements MediaListener {
    private final List<Utterance> utterances;
    private final SpeakerTurns turns;
    private final List<SpeakerTurns.VoicePrint> prints = new ArrayList<>();
    private float[] samples = new float[SileroVad.SAMPLE_RATE * 4];
    private int length;
    private long position;

    Printer(List<Utterance> utterances, SpeakerTurns turns) {
      this.utterances = utterances;
      this.turns = turns;
    }

    @Override
    public void onAudio(AudioBlock block) {
      try {
        for (float sample : block.samples()) {
          double t = position++ / (double) SileroVad.SAMPLE_RATE;
          while (prints.size() < utterances.size()
              && t >= utterances.get(prints.size()).endSeconds()) {
            printCurrent();
          }
          if (prints.size() < utterances.size()
              && t >= utterances.get(prints.size()).startSeconds()) {
            if (length == samples.length) {
              samples = Arrays.copyOf(samples, length * 2);
            }
            samples[length++] = sample;
          }
        }
      } catch (ModelException e) {
        throw new PrintFailure(e);
      }
    }

    /** Prints the utterances the audio ended inside of (or before). */
    void finish() throws ModelException {
      while (prints.size() < utterances.size()) {
        printCurrent();
      }
    }

    private void printCurrent() throws ModelException {
      Utterance u = utterances.get(prints.size());
      prints.add(
          turns.voicePrint(
              new SpeakerTurns.Utterance(
                  u.startSeconds(), u.endSeconds(), Arrays.copyOf(samples, length))));
      length = 0;
    }
  }

  /** Carries a voice-print failure out of the decoder's callback. */
  private static final class PrintFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PrintFailure(ModelException cause) {
      super(cause);
    }

    @Override
    public synchronized ModelException getCause() {
      return (ModelException) super.getCause();
    }
  }
}
