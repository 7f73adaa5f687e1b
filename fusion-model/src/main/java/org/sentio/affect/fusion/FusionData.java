package org.sentio.affect.fusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAligner;
import org.sentio.affect.face.FloatImage;
import org.sentio.affect.text.TextAnalyzer;
import org.sentio.affect.train.AffectTargets;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.StillImage;
import org.sentio.capture.media.VideoFrame;
import org.sentio.runtime.ModelSession;

/**
 * Training and validation windows for the fusion model, made by pairing modality outputs of the
 * same label from {@code ../shared/data} (no aligned multimodal corpus is available):
 *
 * <ul>
 *   <li>face: the shipped expression model on {@code faces_fer2013_publictest} crops (it was
 *       trained on FER-2013's Training split); images split in two halves by position in the sorted
 *       list (FER-2013 has no subject ids);
 *   <li>voice: the shipped {@code voice-affect} model on RAVDESS actors 17–20, which it was not
 *       trained on; actors 17–18 train the fusion, 19–20 validate it (speaker-held-out);
 *   <li>text: the shipped {@code text-affect-en} model on GoEmotions' {@code dev} split, which it
 *       was not trained on; rows split in two halves by position.
 * </ul>
 *
 * <p>Every modality output is computed once ({@link #pools}) and windows draw from them with a
 * seeded {@link Random}.
 */
public final class FusionData {
  public static final String FACES = "faces_fer2013_publictest";
  public static final String SPEECH = "speech_ravdess_train";
  public static final String TEXT = "text_goemotions_ekman_train";
  public static final List<String> TRAIN_ACTORS = List.of("17", "18");
  public static final List<String> HELD_OUT_ACTORS = List.of("19", "20");

  /** One modality output with its true label. */
  public record Sample(Emotion label, AffectEstimate estimate, String source) {}

  /** Per modality, samples for training and for validation. */
  public record Pools(Map<Modality, List<Sample>> train, Map<Modality, List<Sample>> heldOut) {}

  /** How many samples to read at most per modality and split (0 = all). */
  public record Limits(int faces, int voices, int texts) {
    public static final Limits ALL = new Limits(0, 0, 0);
  }

  private FusionData() {}

  public static Pools pools(
      ModelSession expression, ModelSession voiceAffect, ModelSession textEn, Limits limits)
      throws Exception {
    Map<Modality, List<Sample>> train = new EnumMap<>(Modality.class);
    Map<Modality, List<Sample>> held = new EnumMap<>(Modality.class);
    faces(new ExpressionClassifier(expression), limits.faces(), train, held);
    voices(voiceAffect, limits.voices(), train, held);
    texts(new TextAnalyzer(textEn, null), limits.texts(), train, held);
    return new Pools(train, held);
  }

  private static void faces(
      ExpressionClassifier model,
      int limit,
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> held)
      throws Exception {
    Path dir = SharedData.dataset(FACES);
    List<Map<String, String>> rows = new ArrayList<>(LabeledCsv.read(dir.resolve("labels.csv")));
    rows.sort((a, b) -> a.get("path").compareTo(b.get("path")));
    rows = thin(rows, limit);
    List<Sample> tr = new ArrayList<>();
    List<Sample> ho = new ArrayList<>();
    for (int start = 0; start < rows.size(); start += 64) {
      List<Map<String, String>> chunk = rows.subList(start, Math.min(rows.size(), start + 64));
      List<float[]> inputs = new ArrayList<>();
      for (Map<String, String> row : chunk) {
        VideoFrame frame = StillImage.read(dir.resolve(row.get("path")));
        FloatImage grey =
            FloatImage.fromBgr(frame.width(), frame.height(), frame.bgr())
                .resizeBilinear(FaceAligner.SIZE, FaceAligner.SIZE)
                .grey();
        inputs.add(FaceAligner.expressionInput(grey));
      }
      var out = model.classify(inputs);
      for (int i = 0; i < chunk.size(); i++) {
        Sample s =
            new Sample(
                Emotion.parse(chunk.get(i).get("label")),
                AffectEstimate.present(Modality.FACE, out.get(i), Double.NaN, Double.NaN, 1),
                chunk.get(i).get("path"));
        ((start + i) % 2 == 0 ? tr : ho).add(s);
      }
    }
    train.put(Modality.FACE, tr);
    held.put(Modality.FACE, ho);
  }

  private static void voices(
      ModelSession session,
      int limit,
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> held)
      throws MediaException, java.io.IOException {
    Path dir = SharedData.dataset(SPEECH);
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<String, String> row : LabeledCsv.read(dir.resolve("labels.csv"))) {
      String actor = row.get("actor");
      if (!row.get("label").equals("calm")
          && (TRAIN_ACTORS.contains(actor) || HELD_OUT_ACTORS.contains(actor))) {
        rows.add(row);
      }
    }
    rows.sort((a, b) -> a.get("path").compareTo(b.get("path")));
    List<Sample> tr = new ArrayList<>();
    List<Sample> ho = new ArrayList<>();
    int takenTrain = 0;
    int takenHeld = 0;
    for (Map<String, String> row : thin(rows, limit == 0 ? 0 : 2 * limit)) {
      boolean isTrain = TRAIN_ACTORS.contains(row.get("actor"));
      VoiceAnalyzer analyzer = new VoiceAnalyzer(16_000, session);
      AffectEstimate e =
          analyzer.analyzeClip(AudioFiles.readMono(dir.resolve(row.get("path")), 16_000));
      Sample s = new Sample(Emotion.parse(row.get("label")), e, row.get("path"));
      (isTrain ? tr : ho).add(s);
      if (isTrain) {
        takenTrain++;
      } else {
        takenHeld++;
      }
    }
    train.put(Modality.VOICE, tr);
    held.put(Modality.VOICE, ho);
  }

  private static void texts(
      TextAnalyzer analyzer,
      int limit,
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> held)
      throws java.io.IOException {
    Path dir = SharedData.dataset(TEXT);
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<String, String> row : LabeledCsv.read(dir.resolve("labels.csv"))) {
      if ("dev".equals(row.get("split"))) {
        rows.add(row);
      }
    }
    rows = thin(rows, limit);
    List<Sample> tr = new ArrayList<>();
    List<Sample> ho = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      Sample s =
          new Sample(
              Emotion.parse(row.get("label")), analyzer.analyze(row.get("text")), row.get("id"));
      (i % 2 == 0 ? tr : ho).add(s);
    }
    train.put(Modality.TEXT, tr);
    held.put(Modality.TEXT, ho);
  }

  /** Every (size/limit)-th row, so that a limited read still covers all labels. */
  private static <T> List<T> thin(List<T> rows, int limit) {
    if (limit <= 0 || rows.size() <= limit) {
      return rows;
    }
    List<T> out = new ArrayList<>(limit);
    double step = rows.size() / (double) limit;
    for (int i = 0; i < limit; i++) {
      out.add(rows.get((int) (i * step)));
    }
    return out;
  }

  /**
   * Windows pairing one sample per modality of the same label; labels drawn uniformly among those
   * every modality has. Each window keeps the label's valence/arousal targets ({@link
   * AffectTargets}).
   */
  public static List<Map<Modality, AffectEstimate>> windows(
      Map<Modality, List<Sample>> pool, int count, long seed, List<Emotion> labelsOut) {
    return windows(pool, count, seed, labelsOut, 0);
  }

  /**
   * As {@link #windows(Map, int, long, List)}, but a modality whose pool is small is present in
   * only about {@code maxReuse × pool size} windows (absent in the others), so that the model
   * cannot learn the labels of a few distinct samples by heart; 0 for always present.
   */
  public static List<Map<Modality, AffectEstimate>> windows(
      Map<Modality, List<Sample>> pool,
      int count,
      long seed,
      List<Emotion> labelsOut,
      int maxReuse) {
    Map<Modality, Map<Emotion, List<Sample>>> byLabel = new EnumMap<>(Modality.class);
    for (Modality m : MoeFusionModel.MODALITIES) {
      Map<Emotion, List<Sample>> map = new EnumMap<>(Emotion.class);
      for (Sample s : pool.getOrDefault(m, List.of())) {
        map.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
      }
      byLabel.put(m, map);
    }
    List<Emotion> labels = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      if (byLabel.values().stream().allMatch(map -> map.containsKey(e))) {
        labels.add(e);
      }
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no label is shared by face, voice and text samples");
    }
    Random random = new Random(seed);
    List<Map<Modality, AffectEstimate>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Emotion label = labels.get(random.nextInt(labels.size()));
      Map<Modality, AffectEstimate> window = new EnumMap<>(Modality.class);
      boolean any = false;
      for (Modality m : MoeFusionModel.MODALITIES) {
        List<Sample> options = byLabel.get(m).get(label);
        AffectEstimate drawn = options.get(random.nextInt(options.size())).estimate();
        double keep =
            maxReuse <= 0 ? 1 : Math.min(1, maxReuse * pool.get(m).size() / (double) count);
        if (random.nextDouble() < keep) {
          window.put(m, drawn);
          any = any || drawn.isPresent();
        } else {
          window.put(m, AffectEstimate.absent(m, absence(m), "not drawn for this window"));
        }
      }
      if (!any) {
        Modality m = Modality.TEXT;
        List<Sample> options = byLabel.get(m).get(label);
        window.put(m, options.get(random.nextInt(options.size())).estimate());
      }
      out.add(window);
      labelsOut.add(label);
    }
    return out;
  }

  private static org.sentio.affect.AbsenceReason absence(Modality m) {
    return switch (m) {
      case FACE -> org.sentio.affect.AbsenceReason.NO_FACE;
      case VOICE -> org.sentio.affect.AbsenceReason.NO_SPEECH;
      case TEXT -> org.sentio.affect.AbsenceReason.NO_TEXT;
    };
  }

  /** Encodes windows for the trainer. */
  public static MoeTrainer.Windows encode(
      List<Map<Modality, AffectEstimate>> windows, List<Emotion> labels) {
    int n = windows.size();
    float[] x = new float[n * MoeFusionModel.WIDTH];
    float[] mask = new float[n * 3];
    int[] y = new int[n];
    float[] v = new float[n];
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      MoeFusionModel.encode(windows.get(i), x, i * MoeFusionModel.WIDTH, mask, i * 3);
      y[i] = labels.get(i).ordinal();
      v[i] = (float) AffectTargets.valence(labels.get(i));
      a[i] = (float) AffectTargets.arousal(labels.get(i));
    }
    return new MoeTrainer.Windows(x, mask, y, v, a);
  }

  static int[] counts(List<Sample> samples) {
    int[] c = new int[7];
    for (Sample s : samples) {
      c[s.label().ordinal()]++;
    }
    return c;
  }

  static String describe(int[] c) {
    return Arrays.toString(c);
  }
}
