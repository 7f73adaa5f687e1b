package org.sentio.affect.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sentio.affect.triage.ImagingFinding;
import org.sentio.capture.dicom.DicomSlice;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelManifest;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/** A user-installed imaging model, checked against its manifest, that scores one CT slice. */
public final class ImagingModel implements AutoCloseable {

  private final InstalledModel installed;
  private final ImagingSpec spec;
  private final ModelSession session;
  private final long[] inputShape;

  private ImagingModel(
      InstalledModel installed, ImagingSpec spec, ModelSession session, long[] inputShape) {
    this.installed = installed;
    this.spec = spec;
    this.session = session;
    this.inputShape = inputShape;
  }

  /**
   * Opens the model in {@code directory}: reads manifest.json, verifies the file's sha256, opens a
   * session, and checks that the manifest's inputs, outputs and imaging block match the graph.
   */
  public static ImagingModel open(OnnxHost host, Path directory) throws ImagingModelException {
    ModelRegistry registry = new ModelRegistry(directory.getParent(), "reinstall the model");
    InstalledModel model;
    ImagingSpec spec;
    try {
      model = registry.readManifest(directory);
      JsonNode root = new ObjectMapper().readTree(directory.resolve("manifest.json").toFile());
      JsonNode imaging = root.get("imaging");
      if (imaging == null) {
        throw new ImagingModelException(
            directory
                + ": manifest.json has no \"imaging\" block (input, size, normalisation,"
                + " output, finding, threshold, intendedUse, validation)");
      }
      spec = new ObjectMapper().treeToValue(imaging, ImagingSpec.class);
    } catch (ModelException | IOException e) {
      throw new ImagingModelException(e.getMessage(), e);
    }
    checkSpec(directory, spec);
    ModelSession session;
    try {
      session = host.open(registry, model);
    } catch (ModelException e) {
      throw new ImagingModelException(e.getMessage(), e);
    }
    try {
      long[] shape = check(directory, model.manifest(), spec, session);
      return new ImagingModel(model, spec, session, shape);
    } catch (ImagingModelException | RuntimeException e) {
      try {
        session.close();
      } catch (ModelException ignored) {
        // the mismatch is what the user needs to hear about
      }
      throw e;
    }
  }

  private static void checkSpec(Path dir, ImagingSpec s) throws ImagingModelException {
    List<String> missing = new ArrayList<>();
    if (s.input() == null) {
      missing.add("input");
    }
    if (s.size() == null || s.size().size() != 2 || s.size().stream().anyMatch(v -> v <= 0)) {
      missing.add("size [height, width]");
    }
    if (!"hu".equals(s.normalisation()) && !"window".equals(s.normalisation())) {
      missing.add("normalisation (\"hu\" or \"window\")");
    }
    if ("window".equals(s.normalisation()) && (s.window() == null || s.window().size() != 2)) {
      missing.add("window [centre, width]");
    }
    if (s.output() == null) {
      missing.add("output");
    }
    if (s.finding() == null || s.intendedUse() == null || s.validation() == null) {
      missing.add("finding, intendedUse and validation");
    }
    if (!missing.isEmpty()) {
      throw new ImagingModelException(
          dir + ": manifest imaging block lacks or has invalid " + String.join(", ", missing));
    }
  }

  /** Compares manifest and graph; returns the input shape to feed. */
  static long[] check(Path dir, ModelManifest m, ImagingSpec s, ModelSession session)
      throws ImagingModelException {
    List<String> problems = new ArrayList<>();
    Map<String, long[]> realIn;
    Map<String, long[]> realOut;
    try {
      realIn = session.inputShapes();
      realOut = session.outputShapes();
    } catch (ModelException e) {
      throw new ImagingModelException(e.getMessage(), e);
    }
    compare("input", m.inputs(), realIn, problems);
    compare("output", m.outputs(), realOut, problems);
    long[] shape = realIn.get(s.input());
    if (shape == null) {
      problems.add("imaging.input '" + s.input() + "' is not a graph input " + realIn.keySet());
    } else if (realIn.size() != 1) {
      problems.add("the graph has " + realIn.size() + " inputs; an imaging model takes one");
    } else {
      long h = s.size().get(0);
      long w = s.size().get(1);
      long[] want = {1, 1, h, w};
      if (shape.length != 4 || !fits(shape, want)) {
        problems.add(
            "input '"
                + s.input()
                + "' has shape "
                + Arrays.toString(shape)
                + ", the manifest's size needs [1, 1, "
                + h
                + ", "
                + w
                + "]");
      }
    }
    if (!realOut.containsKey(s.output())) {
      problems.add("imaging.output '" + s.output() + "' is not a graph output " + realOut.keySet());
    }
    if (!problems.isEmpty()) {
      throw new ImagingModelException(
          dir + ": the manifest does not match the model: " + String.join("; ", problems));
    }
    return new long[] {1, 1, s.size().get(0), s.size().get(1)};
  }

  private static boolean fits(long[] real, long[] want) {
    for (int i = 0; i < real.length; i++) {
      if (real[i] >= 0 && real[i] != want[i]) {
        return false;
      }
    }
    return true;
  }

  private static void compare(
      String kind, List<ModelManifest.Port> declared, Map<String, long[]> real, List<String> out) {
    for (ModelManifest.Port p : declared) {
      long[] r = real.get(p.name());
      if (r == null) {
        out.add("manifest " + kind + " '" + p.name() + "' is not in the graph " + real.keySet());
        continue;
      }
      if (p.shape() != null) {
        long[] d = p.shape().stream().mapToLong(Long::longValue).toArray();
        boolean ok = d.length == r.length;
        for (int i = 0; ok && i < d.length; i++) {
          ok = d[i] < 0 || r[i] < 0 || d[i] == r[i];
        }
        if (!ok) {
          out.add(
              kind
                  + " '"
                  + p.name()
                  + "': manifest says "
                  + Arrays.toString(d)
                  + ", graph has "
                  + Arrays.toString(r));
        }
      }
    }
    for (String name : real.keySet()) {
      if (declared.stream().noneMatch(p -> p.name().equals(name))) {
        out.add("graph " + kind + " '" + name + "' is missing from the manifest");
      }
    }
  }

  public ImagingSpec spec() {
    return spec;
  }

  public ModelManifest manifest() {
    return installed.manifest();
  }

  /** The slice as the model sees it: resampled and normalised. */
  public float[] preprocess(DicomSlice slice) {
    int h = (int) inputShape[2];
    int w = (int) inputShape[3];
    float[] out = new float[h * w];
    double lo = 0;
    double hi = 1;
    boolean window = "window".equals(spec.normalisation());
    if (window) {
      double c = spec.window().get(0);
      double ww = spec.window().get(1);
      lo = c - ww / 2;
      hi = c + ww / 2;
    }
    for (int y = 0; y < h; y++) {
      int sy = Math.min(slice.height() - 1, (int) ((y + 0.5) * slice.height() / h));
      for (int x = 0; x < w; x++) {
        int sx = Math.min(slice.width() - 1, (int) ((x + 0.5) * slice.width() / w));
        double v = slice.valueAt(sx, sy);
        if (window) {
          v = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        }
        out[y * w + x] = (float) v;
      }
    }
    return out;
  }

  /** Scores one slice. */
  public ImagingFinding analyse(DicomSlice slice) throws ImagingModelException {
    if (!slice.info().hounsfield()) {
      throw new ImagingModelException(
          slice.source()
              + ": the imaging model takes CT (Hounsfield units), this is "
              + (slice.info().modality().isEmpty() ? "unknown" : slice.info().modality()));
    }
    try {
      Map<String, Tensor> out =
          session.run(Map.of(spec.input(), Tensor.ofFloats(inputShape, preprocess(slice))));
      float[] score = out.get(spec.output()).floats();
      if (score.length == 0) {
        throw new ImagingModelException(manifest().name() + ": empty output " + spec.output());
      }
      return new ImagingFinding(
          manifest().name() + " " + manifest().version(),
          spec.finding(),
          score[0],
          spec.threshold(),
          spec.validation());
    } catch (ModelException e) {
      throw new ImagingModelException(e.getMessage(), e);
    }
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
