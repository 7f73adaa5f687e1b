package org.sentio.affect.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.fusion.FusionException;
import org.sentio.affect.fusion.FusionMethod;
import org.sentio.affect.text.TextAnalyzer;

/**
 * A person's correction of one utterance's text: the text is read again, and the text reading and
 * the fusion of only the windows the utterance overlaps are computed again; every other window, the
 * face and voice readings and the original text (kept beside the correction) stay as they were. The
 * session's expert-load telemetry is left as the analysis recorded it.
 */
public final class TranscriptCorrection {
  private TranscriptCorrection() {}

  /**
   * The corrected session and the indexes of the windows whose readings changed.
   *
   * @param session the session with the corrected utterance and re-read windows
   * @param changedWindows indexes (positions in {@link SessionResult#windows()}) re-read
   * @param changedReadings the new per-speaker readings of the utterance's speaker in those windows
   *     (empty when the session has no per-speaker readings or the utterance no speaker)
   */
  public record Corrected(
      SessionResult session, List<Integer> changedWindows, List<SpeakerReading> changedReadings) {
    public Corrected {
      changedWindows = List.copyOf(changedWindows);
      changedReadings = List.copyOf(changedReadings);
    }

    /** A correction that changed no per-speaker reading. */
    public Corrected(SessionResult session, List<Integer> changedWindows) {
      this(session, changedWindows, List.of());
    }
  }

  /**
   * Corrects utterance {@code index} of {@code session} to {@code text}.
   *
   * @throws IllegalArgumentException when there is no such utterance or the text is blank
   */
  public static Corrected correct(
      SessionResult session, int index, String text, TextAnalyzer analyzer, FusionMethod fusion)
      throws FusionException {
    if (index < 0 || index >= session.transcript().size()) {
      throw new IllegalArgumentException(
          "no utterance " + index + " in a transcript of " + session.transcript().size());
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "the corrected text is empty; type what was said, or leave the utterance as it is");
    }
    String said = text.strip();
    Utterance before = session.transcript().get(index);
    Utterance after = before.correctedTo(said, analyzer.analyze(said));
    List<Utterance> transcript = new ArrayList<>(session.transcript());
    transcript.set(index, after);

    List<Integer> changed = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> estimates = new ArrayList<>();
    for (int k = 0; k < session.windows().size(); k++) {
      AffectWindow w = session.windows().get(k);
      boolean overlaps =
          Math.min(w.endSeconds(), before.endSeconds())
              > Math.max(w.startSeconds(), before.startSeconds());
      if (overlaps) {
        Map<Modality, AffectEstimate> window = new EnumMap<>(Modality.class);
        for (Modality m : Modality.values()) {
          window.put(m, w.estimate(m));
        }
        window.put(
            Modality.TEXT, AnalysisPipeline.textOf(transcript, w.startSeconds(), w.endSeconds()));
        estimates.add(window);
        changed.add(k);
      }
    }
    List<FusedEstimate> fused = estimates.isEmpty() ? List.of() : fusion.fuse(estimates);
    List<AffectWindow> windows = new ArrayList<>(session.windows());
    for (int i = 0; i < changed.size(); i++) {
      AffectWindow w = windows.get(changed.get(i));
      windows.set(
          changed.get(i),
          new AffectWindow(
              w.index(), w.startSeconds(), w.endSeconds(), estimates.get(i), fused.get(i)));
    }
    List<SpeakerReading> readings =
        speakerReadings(session, before.speaker(), transcript, windows, changed, fusion);
    List<SpeakerReading> all = new ArrayList<>(session.speakerReadings());
    for (SpeakerReading reading : readings) {
      for (int i = 0; i < all.size(); i++) {
        SpeakerReading old = all.get(i);
        if (old.speaker().equals(reading.speaker()) && old.windowIndex() == reading.windowIndex()) {
          all.set(i, reading);
        }
      }
    }
    return new Corrected(
        session.withTranscript(transcript, windows).withSpeakerReadings(all), changed, readings);
  }

  /**
   * The speaker's own readings of the re-read windows, read again as the analysis reads them: the
   * text of their own utterances (now with the correction), their voice and linked face as stored,
   * fused.
   */
  private static List<SpeakerReading> speakerReadings(
      SessionResult session,
      String speaker,
      List<Utterance> transcript,
      List<AffectWindow> windows,
      List<Integer> changed,
      FusionMethod fusion)
      throws FusionException {
    if (speaker == null) {
      return List.of();
    }
    List<Utterance> own = transcript.stream().filter(u -> speaker.equals(u.speaker())).toList();
    List<SpeakerReading> stored = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> estimates = new ArrayList<>();
    for (int k : changed) {
      AffectWindow w = windows.get(k);
      for (SpeakerReading reading : session.readingsOf(speaker)) {
        if (reading.windowIndex() == w.index()) {
          Map<Modality, AffectEstimate> theirs = new EnumMap<>(Modality.class);
          theirs.put(Modality.FACE, reading.face());
          theirs.put(Modality.VOICE, reading.voice());
          theirs.put(Modality.TEXT, AnalysisPipeline.textOf(own, w.startSeconds(), w.endSeconds()));
          stored.add(reading);
          estimates.add(theirs);
        }
      }
    }
    List<FusedEstimate> fused = estimates.isEmpty() ? List.of() : fusion.fuse(estimates);
    List<SpeakerReading> readings = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      readings.add(
          new SpeakerReading(
              speaker,
              stored.get(i).windowIndex(),
              stored.get(i).voice(),
              estimates.get(i).get(Modality.TEXT),
              fused.get(i),
              stored.get(i).face()));
    }
    return readings;
  }
}
