package org.sentio.affect.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sentio.affect.Emotion;
import org.sentio.affect.train.AffectTargets;
import org.sentio.affect.train.LabeledCsv;

/**
 * The acted-speech corpora in {@code ../shared/data} read as one list of clips with a corpus, a
 * speaker and a gender: RAVDESS ({@code speech_ravdess_train}, 20 actors), SAVEE ({@code
 * speech_savee}, 4 male speakers) and URDU ({@code speech_urdu}, 29 speaker codes, 4 classes).
 */
public final class VoiceCorpora {
  /** One corpus and the folder it lives in. */
  public enum Corpus {
    RAVDESS("speech_ravdess_train"),
    SAVEE("speech_savee"),
    URDU("speech_urdu");

    public final String folder;

    Corpus(String folder) {
      this.folder = folder;
    }
  }

  /**
   * One labelled clip.
   *
   * @param speaker unique across corpora: {@code R01}–{@code R20}, {@code S-DC}, {@code U-M1}
   * @param intensity RAVDESS's {@code normal}/{@code strong}, empty for the other corpora
   */
  public record Clip(
      Corpus corpus, Path file, String label, String intensity, String speaker, String gender) {

    /** The category trained: RAVDESS's calm counts as neutral. */
    public Emotion emotion() {
      return label.equals("calm") ? Emotion.NEUTRAL : Emotion.parse(label);
    }

    /** Whether the clip has a Sentio category of its own (calm does not) and is scored. */
    public boolean scored() {
      return !label.equals("calm");
    }

    public float valenceTarget() {
      return (float)
          (label.equals("calm") ? AffectTargets.CALM_VALENCE : AffectTargets.valence(emotion()));
    }

    public float arousalTarget() {
      if (label.equals("calm")) {
        return (float) AffectTargets.CALM_AROUSAL;
      }
      double base = AffectTargets.arousal(emotion());
      if (emotion() == Emotion.NEUTRAL || intensity.isEmpty()) {
        return (float) base;
      }
      double step = intensity.equals("strong") ? 1 : -1;
      return (float) Math.max(-1, Math.min(1, base + step * AffectTargets.STRONG_AROUSAL_STEP));
    }

    /** The RAVDESS actor number, 0 for the other corpora. */
    public int actor() {
      return corpus == Corpus.RAVDESS ? Integer.parseInt(speaker.substring(1)) : 0;
    }
  }

  private VoiceCorpora() {}

  /**
   * The clips of {@code corpus} under {@code dataRoot} (the folder holding the data sets).
   *
   * @throws IOException when the corpus has no {@code labels.csv} or a row cannot be read
   */
  public static List<Clip> read(Path dataRoot, Corpus corpus) throws IOException {
    Path folder = dataRoot.resolve(corpus.folder);
    Path labels = folder.resolve("labels.csv");
    if (!Files.isRegularFile(labels)) {
      throw new IOException(
          folder + ": no labels.csv; point --data at the folder holding " + corpus.folder);
    }
    List<Clip> clips = new ArrayList<>();
    for (Map<String, String> row : LabeledCsv.read(labels)) {
      clips.add(
          switch (corpus) {
            case RAVDESS ->
                new Clip(
                    corpus,
                    folder.resolve(row.get("path")),
                    row.get("label"),
                    row.get("intensity"),
                    String.format("R%02d", Integer.parseInt(row.get("actor"))),
                    row.get("gender"));
            case SAVEE ->
                new Clip(
                    corpus,
                    folder.resolve(row.get("path")),
                    row.get("label"),
                    "",
                    "S-" + row.get("speaker"),
                    "male");
            case URDU ->
                new Clip(
                    corpus,
                    folder.resolve(row.get("path")),
                    row.get("label"),
                    "",
                    "U-" + row.get("speaker"),
                    row.get("gender"));
          });
    }
    return clips;
  }

  /** Whether {@code corpus} has a {@code labels.csv} under {@code dataRoot}. */
  public static boolean present(Path dataRoot, Corpus corpus) {
    return Files.isRegularFile(dataRoot.resolve(corpus.folder).resolve("labels.csv"));
  }

  /** The clips of every corpus, RAVDESS, SAVEE then URDU, each in its file's order. */
  public static List<Clip> readAll(Path dataRoot) throws IOException {
    List<Clip> clips = new ArrayList<>();
    for (Corpus corpus : Corpus.values()) {
      clips.addAll(read(dataRoot, corpus));
    }
    return clips;
  }
}
