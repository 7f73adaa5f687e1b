package org.sentio.affect.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Embedding;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.face.FacePoint;
import org.sentio.affect.speech.RecognizedWord;

/**
 * The byte layout of each kind of entry: doubles as their exact bits, so a value read back is the
 * value written and a cached analysis equals an uncached one exactly. A reader that meets bytes it
 * cannot read throws {@link CorruptEntryException}, never a runtime exception.
 */
final class FeatureCodec {
  private FeatureCodec() {}

  /** Writes a value into a stream. */
  @FunctionalInterface
  interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  /** Reads a value from a stream. */
  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static <T> byte[] encode(Writer<T> writer, T value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static <T> T decode(Reader<T> reader, byte[] bytes) throws CorruptEntryException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      T value = reader.read(in);
      if (in.available() != 0) {
        throw new CorruptEntryException(in.available() + " bytes left over", null);
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new CorruptEntryException("unreadable entry: " + e, e);
    }
  }

  static void writeStream(DataOutputStream out, StreamFacts facts) throws IOException {
    out.writeDouble(facts.decodedUntilSeconds());
    writeNullableString(out, facts.warning());
  }

  static StreamFacts readStream(DataInputStream in) throws IOException {
    return new StreamFacts(in.readDouble(), readNullableString(in));
  }

  static void writeFaces(DataOutputStream out, List<FaceFrame> frames) throws IOException {
    out.writeInt(frames.size());
    for (FaceFrame frame : frames) {
      out.writeDouble(frame.seconds());
      out.writeInt(frame.faces().size());
      for (FaceObservation face : frame.faces()) {
        out.writeInt(face.trackId());
        out.writeDouble(face.box().x());
        out.writeDouble(face.box().y());
        out.writeDouble(face.box().width());
        out.writeDouble(face.box().height());
        out.writeInt(face.keypoints().size());
        for (FacePoint point : face.keypoints()) {
          out.writeDouble(point.x());
          out.writeDouble(point.y());
        }
        out.writeDouble(face.detectionScore());
        out.writeDouble(face.quality());
        writeDistribution(out, face.expression());
        out.writeDouble(face.valence());
        out.writeDouble(face.arousal());
        out.writeDouble(face.mouthOpening());
        writeEmbedding(out, face.embedding());
      }
    }
  }

  static List<FaceFrame> readFaces(DataInputStream in) throws IOException {
    int count = count(in);
    List<FaceFrame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double seconds = in.readDouble();
      int faces = count(in);
      List<FaceObservation> found = new ArrayList<>(faces);
      for (int f = 0; f < faces; f++) {
        int track = in.readInt();
        FaceBox box =
            new FaceBox(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        int points = count(in);
        List<FacePoint> keypoints = new ArrayList<>(points);
        for (int p = 0; p < points; p++) {
          keypoints.add(new FacePoint(in.readDouble(), in.readDouble()));
        }
        double score = in.readDouble();
        double quality = in.readDouble();
        EmotionDistribution expression = readDistribution(in);
        found.add(
            new FaceObservation(
                track,
                box,
                keypoints,
                score,
                quality,
                expression,
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                readEmbedding(in)));
      }
      frames.add(new FaceFrame(seconds, found));
    }
    return frames;
  }

  static void writeVoice(DataOutputStream out, VoiceFeatures voice) throws IOException {
    double[] vad = voice.vadProbabilities();
    out.writeInt(vad.length);
    for (double p : vad) {
      out.writeDouble(p);
    }
    out.writeInt(voice.windows().size());
    for (AffectEstimate estimate : voice.windows()) {
      out.writeBoolean(estimate != null);
      if (estimate != null) {
        writeEstimate(out, estimate);
      }
    }
  }

  static VoiceFeatures readVoice(DataInputStream in) throws IOException {
    double[] vad = new double[count(in)];
    for (int i = 0; i < vad.length; i++) {
      vad[i] = in.readDouble();
    }
    int windows = count(in);
    List<AffectEstimate> estimates = new ArrayList<>(windows);
    for (int i = 0; i < windows; i++) {
      estimates.add(in.readBoolean() ? readEstimate(in) : null);
    }
    return new VoiceFeatures(vad, estimates);
  }

  static void writeWords(DataOutputStream out, List<RecognizedWord> words) throws IOException {
    out.writeInt(words.size());
    for (RecognizedWord word : words) {
      out.writeUTF(word.text());
      out.writeDouble(word.startSeconds());
      out.writeDouble(word.endSeconds());
      out.writeDouble(word.confidence());
    }
  }

  static List<RecognizedWord> readWords(DataInputStream in) throws IOException {
    int count = count(in);
    List<RecognizedWord> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      words.add(
          new RecognizedWord(in.readUTF(), in.readDouble(), in.readDouble(), in.readDouble()));
    }
    return words;
  }

  static void writeSpeakers(DataOutputStream out, SpeakerLabels labels) throws IOException {
    out.writeInt(labels.speakerOfUtterance().size());
    for (String id : labels.speakerOfUtterance()) {
      out.writeUTF(id);
    }
    out.writeInt(labels.speakers().size());
    for (SpeakerLabels.Entry speaker : labels.speakers()) {
      out.writeUTF(speaker.id());
      out.writeUTF(speaker.role());
      writeNullableInt(out, speaker.channel());
      writeNullableInt(out, speaker.faceTrack());
    }
  }

  static SpeakerLabels readSpeakers(DataInputStream in) throws IOException {
    int utterances = count(in);
    List<String> ids = new ArrayList<>(utterances);
    for (int i = 0; i < utterances; i++) {
      ids.add(in.readUTF());
    }
    int count = count(in);
    List<SpeakerLabels.Entry> speakers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      speakers.add(
          new SpeakerLabels.Entry(
              in.readUTF(), in.readUTF(), readNullableInt(in), readNullableInt(in)));
    }
    return new SpeakerLabels(ids, speakers);
  }

  private static void writeEstimate(DataOutputStream out, AffectEstimate estimate)
      throws IOException {
    out.writeUTF(estimate.modality().name());
    out.writeBoolean(estimate.emotions() != null);
    if (estimate.emotions() != null) {
      writeDistribution(out, estimate.emotions());
    }
    out.writeDouble(estimate.valence());
    out.writeDouble(estimate.arousal());
    out.writeDouble(estimate.confidence());
    writeNullableString(out, estimate.absence() == null ? null : estimate.absence().name());
    writeNullableString(out, estimate.absenceDetail());
    writeEmbedding(out, estimate.embedding());
  }

  private static void writeEmbedding(DataOutputStream out, Embedding embedding) throws IOException {
    out.writeBoolean(embedding != null);
    if (embedding != null) {
      out.writeUTF(embedding.model());
      out.writeInt(embedding.size());
      for (int i = 0; i < embedding.size(); i++) {
        out.writeFloat(embedding.value(i));
      }
    }
  }

  private static Embedding readEmbedding(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    String model = in.readUTF();
    float[] values = new float[count(in)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return new Embedding(model, values);
  }

  private static AffectEstimate readEstimate(DataInputStream in) throws IOException {
    Modality modality = Modality.valueOf(in.readUTF());
    EmotionDistribution emotions = in.readBoolean() ? readDistribution(in) : null;
    double valence = in.readDouble();
    double arousal = in.readDouble();
    double confidence = in.readDouble();
    String absence = readNullableString(in);
    return new AffectEstimate(
        modality,
        emotions,
        valence,
        arousal,
        confidence,
        absence == null ? null : AbsenceReason.valueOf(absence),
        readNullableString(in),
        readEmbedding(in));
  }

  private static void writeDistribution(DataOutputStream out, EmotionDistribution distribution)
      throws IOException {
    double[] p = distribution.toArray();
    out.writeInt(p.length);
    for (double v : p) {
      out.writeDouble(v);
    }
  }

  private static EmotionDistribution readDistribution(DataInputStream in) throws IOException {
    double[] p = new double[count(in)];
    for (int i = 0; i < p.length; i++) {
      p[i] = in.readDouble();
    }
    return EmotionDistribution.of(p);
  }

  private static void writeNullableString(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullableString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeNullableInt(DataOutputStream out, Integer value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeInt(value);
    }
  }

  private static Integer readNullableInt(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  /** A length read back, refused when negative or beyond what the rest of the entry can hold. */
  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new EOFException("length " + n + " does not fit the entry");
    }
    return n;
  }
}
