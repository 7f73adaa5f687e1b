package org.sentio.affect.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sentio.affect.convert.ConversionException;
import org.sentio.affect.convert.FaceHeadGraph;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/**
 * {@code sentio train face --blend}: {@value #MODEL_NAME} (ADR 0058), the 1:1 mean of the no-flip
 * ensemble and {@code face-expression-head} in one graph ({@link FaceHeadGraph#blend}). Nothing is
 * trained: the graph is composed from the installed backbones and a written head, unchanged, so the
 * same inputs give the same bytes. The graph is measured on {@code faces_fer2013_publictest}
 * against both label sets before its folder is written.
 */
public final class FaceBlend {
  public static final String MODEL_NAME = "face-expression-blend";
  public static final String VERSION = "1.0.0";
  public static final String VALIDATION_DATASET = FaceHeadTraining.VALIDATION_DATASET;

  /**
   * What a run produced.
   *
   * @param original PublicTest against FER-2013's original labels
   * @param ferPlus PublicTest against the FER+ majority
   * @param head the head folder's model the blend was composed from
   */
  public record Result(
      ClassificationReport original,
      ClassificationReport ferPlus,
      InstalledModel head,
      String sha256) {}

  private FaceBlend() {}

  /** The blend graph of {@code backbones} and the head of {@code head} (a head graph's model). */
  public static ModelProto graph(FaceHeadTraining.Backbones backbones, InstalledModel head)
      throws IOException {
    ModelProto headGraph;
    try {
      headGraph = ModelProto.parseFrom(Files.readAllBytes(head.modelFile()));
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(head.modelFile() + " is not an ONNX model: " + e.getMessage(), e);
    }
    try {
      return FaceHeadGraph.blend(
          backbones.miniXceptionGraph(), backbones.faceApiGraph(), FaceHeadGraph.headOf(headGraph));
    } catch (ConversionException e) {
      throw new IOException(head.modelFile() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Composes the blend from the backbones installed in {@code models} and the {@value
   * FaceHeadTraining#MODEL_NAME} folder in {@code headModels}, measures it on {@code publicTest}
   * (ONNX Runtime, one thread) and writes it into {@code modelFolder}.
   */
  public static Result write(
      Path models, Path headModels, Path publicTest, Path modelFolder, Consumer<String> log)
      throws IOException, ModelException {
    FaceHeadTraining.Backbones backbones =
        FaceHeadTraining.Backbones.read(new ModelRegistry(models, "reinstall Sentio"));
    ModelRegistry heads =
        new ModelRegistry(headModels, "write it with ./sentio train face --head first");
    InstalledModel head = heads.find(FaceHeadTraining.MODEL_NAME);
    heads.requireVerified(head);
    byte[] onnx = graph(backbones, head).toByteArray();
    ClassificationReport[] views;
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    try (ModelSession session = host.openDerived(backbones.miniXception(), onnx)) {
      views = FaceHeadTraining.publicTestReports(session, publicTest);
    }
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(backbones, head));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(views[0], views[1], head, sha256);
  }

  private static Map<String, Object> manifest(
      FaceHeadTraining.Backbones backbones, InstalledModel head) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", MODEL_NAME);
    m.put("version", VERSION);
    m.put(
        "task",
        "facial expression (7 classes): the mean of the no-flip mini-Xception + face-api ensemble"
            + " and the FER+ head over the same backbones");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(
        "package",
        "composed in Sentio from face-expression/model.onnx ("
            + backbones.miniXception().manifest().sha256()
            + "), face-expression-faceapi/model.onnx ("
            + backbones.faceApi().manifest().sha256()
            + ") and face-expression-head "
            + head.manifest().version());
    source.put("file", FaceHeadTraining.MODEL_NAME + "/" + ModelFolder.MODEL_FILE);
    source.put("sha256", head.manifest().sha256());
    m.put("source", source);
    m.put("converter", "sentio train face --blend " + VERSION);
    m.put("licence", "research-use-only (FER-2013 images; FER+ labels MIT; backbone weights MIT)");
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    m.put("inputs", FaceHeadTraining.backboneInputs());
    m.put(
        "outputs",
        List.of(
            ModelFolder.port(
                FaceHeadGraph.PROBABILITIES,
                FaceHeadGraph.CLASSES.size(),
                "probabilities in the order of classes: 0.25 mini-Xception + 0.25 face-api + 0.5"
                    + " head"),
            ModelFolder.port(
                FaceHeadGraph.EMBEDDING,
                FaceHeadGraph.EMBEDDING_SIZE,
                "the embedding the head reads: the mini-Xception's last residual block averaged"
                    + " over space (256) then face-api's pooled features (256)")));
    m.put("classes", FaceHeadGraph.CLASSES);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "./sentio train face --blend");
    t.put(
        "config",
        "weights fixed before measuring (ADR 0058): ensemble-noflip "
            + FaceHeadGraph.BLEND_ENSEMBLE_WEIGHT
            + ", head "
            + (1 - FaceHeadGraph.BLEND_ENSEMBLE_WEIGHT)
            + "; no mirror pass; validated on "
            + VALIDATION_DATASET);
    m.put("training", t);
    return m;
  }
}
