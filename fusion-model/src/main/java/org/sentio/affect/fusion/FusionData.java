package org.sentio.affect.fusion;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.face.AlignedFace;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FloatImage;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.TextAffectModel;
import org.sentio.affect.text.TextAnalyzer;
import org.sentio.affect.train.AffectTargets;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.StillImage;
import org.sentio.capture.media.VideoFrame;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/**
 * Training and validation windows for the fusion model, made by pairing modality outputs of the
 * same label from {@code ../shared/data} (no aligned multimodal corpus is available):
 *
 * <ul>
 *   <li>face: the analysis's expression model on {@code faces_fer2013_publictest} crops (its
 *       members were trained on FER-2013's or FER+'s Training split); images split in two halves by
 *       position in the sorted list (FER-2013 has no subject ids);
 *   <li>voice: the shipped {@code voice-affect} model on RAVDESS actors 17–20, which it was not
 *       trained on; actors 17–18 train the fusion, 19–20 validate it (speaker-held-out);
 *   <li>text: the analysis's English text model on GoEmotions' {@code dev} split, which it was not
 *       trained on; rows split in two halves by position.
 * </ul>
 *
 * <p>Every modality output is computed once ({@link #pools}) and windows draw from them with a
 * seeded {@link Random}.
 */
public final class FusionData {
  public static final String FACES = "faces_fer2013_publictest";
  public static final String SPEECH = "speech_ravdess_train";
  public static final String TEXT = "text_goemotions_ekman_train";
  public static final String VOICE_MODEL = "voice-affect";
  public static final List<String> TRAIN_ACTORS = List.of("17", "18");
  public static final List<String> HELD_OUT_ACTORS = List.of("19", "20");

  /** One modality output with its true label. */
  public record Sample(Emotion label, AffectEstimate estimate, String source) {}

  /**
   * Per modality, samples for training and for validation, and the name of the model that made
   * them.
   */
  public record Pools(
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> heldOut,
      Map<Modality, String> models) {}

  /** How many samples to read at most per modality and split (0 = all). */
  public record Limits(int faces, int voices, int texts) {
    public static final Limits ALL = new Limits(0, 0, 0);
  }

  private FusionData() {}

  /**
   * The pools read by the models the analysis runs by default — {@link
   * ExpressionClassifier#DEFAULT}, {@code voice-affect} and {@link TextAffectModel#analysisModel}'s
   * English model — so that the fusion learns from the estimates it will be given
   * (docs/decisions/0055-fusion-on-the-analysis-models-and-the-trainers-voice-file.md).
   */
  public static Pools pools(OnnxHost host, ModelRegistry registry, Limits limits) throws Exception {
    try (ModelSession face = host.open(registry, registry.find(ExpressionClassifier.DEFAULT));
        ModelSession voice = host.open(registry, registry.find(VOICE_MODEL));
        TextAffectModel text =
            TextAffectModel.open(
                host,
                registry,
                TextAffectModel.analysisModel(registry, Language.EN),
                Language.EN)) {
      return pools(
          face, voice, new TextAnalyzer(text, null), text.session().model().name(), limits);
    }
  }

  /** The pools read by the models open in these sessions (n-gram text model). */
  public static Pools pools(
      ModelSession expression, ModelSession voiceAffect, ModelSession textEn, Limits limits)
      throws Exception {
    return pools(
        expression, voiceAffect, new TextAnalyzer(textEn, null), textEn.model().name(), limits);
  }

  private static Pools pools(
      ModelSession expression,
      ModelSession voiceAffect,
      TextAnalyzer text,
      String textModel,
      Limits limits)
      throws Exception {
    Map<Modality, List<Sample>> train = new EnumMap<>(Modality.class);
    Map<Modality, List<Sample>> held = new EnumMap<>(Modality.class);
    faces(new ExpressionClassifier(expression), faceItems(limits.faces()), train, held);
    voices(voiceAffect, voiceItems(limits.voices()), train, held);
    texts(text, textItems(limits.texts()), train, held);
    Map<Modality, String> models = new EnumMap<>(Modality.class);
    models.put(Modality.FACE, expression.model().name());
    models.put(Modality.VOICE, voiceAffect.model().name());
    models.put(Modality.TEXT, textModel);
    return new Pools(train, held, models);
  }

  /**
   * One labelled item of a modality's data set, in pool order, with the split it serves.
   *
   * @param file the image or audio file, or null for text
   * @param text the sentence, or null for images and audio
   * @param source how the item is named in logs (its path or id)
   */
  public record Item(Emotion label, Path file, String text, String source, boolean heldOut) {}

  /** FER-2013 public-test crops sorted by path; odd positions are held out. */
  static List<Item> faceItems(int limit) throws java.io.IOException {
    Path dir = SharedData.dataset(FACES);
    List<Map<String, String>> rows = new ArrayList<>(LabeledCsv.read(dir.resolve("labels.csv")));
    rows.sort((a, b) -> a.get("path").compareTo(b.get("path")));
    rows = thin(rows, limit);
    List<Item> items = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      items.add(
          new Item(
              Emotion.parse(row.get("label")),
              dir.resolve(row.get("path")),
              null,
              row.get("path"),
              i % 2 == 1));
    }
    return items;
  }

  /** RAVDESS clips of actors 17–20 but calm, sorted by path; actors 19–20 are held out. */
  static List<Item> voiceItems(int limit) throws java.io.IOException {
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
    List<Item> items = new ArrayList<>();
    for (Map<String, String> row : thin(rows, limit == 0 ? 0 : 2 * limit)) {
      items.add(
          new Item(
              Emotion.parse(row.get("label")),
              dir.resolve(row.get("path")),
              null,
              row.get("path"),
              HELD_OUT_ACTORS.contains(row.get("actor"))));
    }
    return items;
  }

  /** GoEmotions dev sentences in file order; odd positions are held out. */
  static List<Item> textItems(int limit) throws java.io.IOException {
    Path dir = SharedData.dataset(TEXT);
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<String, String> row : LabeledCsv.read(dir.resolve("labels.csv"))) {
      if ("dev".equals(row.get("split"))) {
        rows.add(row);
      }
    }
    rows = thin(rows, limit);
    List<Item> items = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      items.add(
          new Item(
              Emotion.parse(row.get("label")), null, row.get("text"), row.get("id"), i % 2 == 1));
    }
    return items;
  }

  private static void faces(
      ExpressionClassifier model,
      List<Item> items,
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> held)
      throws Exception {
    List<Sample> tr = new ArrayList<>();
    List<Sample> ho = new ArrayList<>();
    for (int start = 0; start < items.size(); start += 64) {
      List<Item> chunk = items.subList(start, Math.min(items.size(), start + 64));
      List<AlignedFace> inputs = new ArrayList<>();
      for (Item item : chunk) {
        VideoFrame frame = StillImage.read(item.file());
        inputs.add(
            AlignedFace.whole(FloatImage.fromBgr(frame.width(), frame.height(), frame.bgr())));
      }
      var out = model.classify(inputs);
      for (int i = 0; i < chunk.size(); i++) {
        Item item = chunk.get(i);
        Sample s =
            new Sample(
                item.label(),
                AffectEstimate.present(Modality.FACE, out.get(i), Double.NaN, Double.NaN, 1),
                item.source());
        (item.heldOut() ? ho : tr).add(s);
      }
    }
    train.put(Modality.FACE, tr);
    held.put(Modality.FACE, ho);
  }

  private static void voices(
      ModelSession session,
      List<Item> items,
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> held)
      throws MediaException {
    List<Sample> tr = new ArrayList<>();
    List<Sample> ho = new ArrayList<>();
    VoiceAnalyzer analyzer = new VoiceAnalyzer(16_000, session);
    for (Item item : items) {
      AffectEstimate e = analyzer.analyzeClip(AudioFiles.readMono(item.file(), 16_000));
      (item.heldOut() ? ho : tr).add(new Sample(item.label(), e, item.source()));
    }
    train.put(Modality.VOICE, tr);
    held.put(Modality.VOICE, ho);
  }

  private static void texts(
      TextAnalyzer analyzer,
      List<Item> items,
      Map<Modality, List<Sample>> train,
      Map<Modality, List<Sample>> held) {
    List<Sample> tr = new ArrayList<>();
    List<Sample> ho = new ArrayList<>();
    for (Item item : items) {
      Sample s = new Sample(item.label(), analyzer.analyze(item.text()), item.source());
      (item.heldOut() ? ho : tr).add(s);
    }
    train.put(Modality.TEXT, tr);
    held.put(Modality.TEXT, ho);
  }

  /** One row of the matched held-out set: a face, a voice clip and a sentence of one label. */
  public record MatchedRow(Emotion label, Path image, Path audio, String text) {}

  /**
   * The held-out windows the trainer evaluates on ({@code count} windows drawn with {@code seed}
   * from the held-out halves of the three data sets), as files and sentences rather than model
   * outputs, so that {@code sentio evaluate} can run the shipped models on exactly those windows.
   */
  public static List<MatchedRow> matchedHeldOut(int count, long seed) throws java.io.IOException {
    Map<Modality, List<Item>> pool = new EnumMap<>(Modality.class);
    pool.put(Modality.FACE, heldOut(faceItems(0)));
    pool.put(Modality.VOICE, heldOut(voiceItems(0)));
    pool.put(Modality.TEXT, heldOut(textItems(0)));
    List<Emotion> labels = new ArrayList<>();
    List<Map<Modality, Item>> drawn = draw(pool, Item::label, item -> true, count, seed, labels, 0);
    List<MatchedRow> rows = new ArrayList<>(count);
    for (int i = 0; i < drawn.size(); i++) {
      Map<Modality, Item> w = drawn.get(i);
      rows.add(
          new MatchedRow(
              labels.get(i),
              w.get(Modality.FACE).file(),
              w.get(Modality.VOICE).file(),
              w.get(Modality.TEXT).text()));
    }
    return rows;
  }

  /** Writes matched rows as a CSV for {@code sentio evaluate} (label, image, audio, text). */
  public static void writeMatchedCsv(Path csv, List<MatchedRow> rows) throws java.io.IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema =
        CsvSchema.builder()
            .addColumn("label")
            .addColumn("image")
            .addColumn("audio")
            .addColumn("text")
            .build()
            .withHeader();
    List<List<String>> cells = new ArrayList<>(rows.size());
    for (MatchedRow row : rows) {
      cells.add(
          List.of(
              row.label().datasetLabel(),
              row.image().toAbsolutePath().toString(),
              row.audio().toAbsolutePath().toString(),
              row.text()));
    }
    try (var writer = mapper.writer(schema).writeValues(csv.toFile())) {
      writer.writeAll(cells);
    }
  }

  private static List<Item> heldOut(List<Item> items) {
    return items.stream().filter(Item::heldOut).toList();
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
    List<Map<Modality, Sample>> drawn =
        draw(pool, Sample::label, s -> s.estimate().isPresent(), count, seed, labelsOut, maxReuse);
    List<Map<Modality, AffectEstimate>> out = new ArrayList<>(count);
    for (Map<Modality, Sample> w : drawn) {
      Map<Modality, AffectEstimate> window = new EnumMap<>(Modality.class);
      for (Modality m : MoeFusionModel.MODALITIES) {
        Sample s = w.get(m);
        window.put(
            m,
            s != null
                ? s.estimate()
                : AffectEstimate.absent(m, absence(m), AbsenceDetail.NOT_DRAWN.text()));
      }
      out.add(window);
    }
    return out;
  }

  /**
   * Draws windows of one item per modality sharing a label (see {@link #windows(Map, int, long,
   * List, int)}); a modality not drawn for a window is missing from its map. {@code present} says
   * whether an item carries evidence: a window with none gets a text item.
   */
  static <S> List<Map<Modality, S>> draw(
      Map<Modality, List<S>> pool,
      Function<S, Emotion> labelOf,
      Predicate<S> present,
      int count,
      long seed,
      List<Emotion> labelsOut,
      int maxReuse) {
    Map<Modality, Map<Emotion, List<S>>> byLabel = new EnumMap<>(Modality.class);
    for (Modality m : MoeFusionModel.MODALITIES) {
      Map<Emotion, List<S>> map = new EnumMap<>(Emotion.class);
      for (S s : pool.getOrDefault(m, List.of())) {
        map.computeIfAbsent(labelOf.apply(s), k -> new ArrayList<>()).add(s);
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
    List<Map<Modality, S>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Emotion label = labels.get(random.nextInt(labels.size()));
      Map<Modality, S> window = new EnumMap<>(Modality.class);
      boolean any = false;
      for (Modality m : MoeFusionModel.MODALITIES) {
        List<S> options = byLabel.get(m).get(label);
        S drawn = options.get(random.nextInt(options.size()));
        double keep =
            maxReuse <= 0 ? 1 : Math.min(1, maxReuse * pool.get(m).size() / (double) count);
        if (random.nextDouble() < keep) {
          window.put(m, drawn);
          any = any || present.test(drawn);
        }
      }
      if (!any) {
        List<S> options = byLabel.get(Modality.TEXT).get(label);
        window.put(Modality.TEXT, options.get(random.nextInt(options.size())));
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
