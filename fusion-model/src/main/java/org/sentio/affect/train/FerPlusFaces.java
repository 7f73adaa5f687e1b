package org.sentio.affect.train;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The FER+ training faces ({@code faces_ferplus_train}) as soft targets: each face's 10 raters'
 * votes over the seven emotions (contempt, unknown and not-a-face votes dropped, the rest
 * normalised to sum 1; faces with no emotion vote left out), pixels put through the filter the
 * PublicTest images went through ({@link #filter}), and a validation split that keeps every {@code
 * dup_group} of near-identical copies on one side.
 *
 * @param pixels 48x48 grey faces after the filter, values 0..255, face after face
 * @param targets vote shares in {@link #CLASSES} order, 7 per face
 * @param heldOut whether a face is in the validation split
 */
public record FerPlusFaces(float[] pixels, float[] targets, boolean[] heldOut) {
  public static final int SIZE = 48;

  /** FER+'s vote order, which is the trained model's class order. */
  public static final List<String> CLASSES =
      List.of("neutral", "happy", "surprise", "sad", "angry", "disgust", "fear");

  public int size() {
    return heldOut.length;
  }

  /**
   * Reads {@code labels.csv} and the images beside it.
   *
   * @param limit at most this many faces, in file order (0 = all)
   * @param heldOutPercent share of the dup groups (and ungrouped faces) held out, by a hash of the
   *     group and {@code seed}
   */
  public static FerPlusFaces read(Path folder, int limit, int heldOutPercent, long seed)
      throws IOException {
    List<float[]> faces = new ArrayList<>();
    List<float[]> targets = new ArrayList<>();
    List<Boolean> held = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows =
        mapper
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(folder.resolve("labels.csv").toFile())) {
      int line = 1;
      while (rows.hasNext() && (limit <= 0 || faces.size() < limit)) {
        Map<String, String> row = rows.next();
        line++;
        float[] votes = new float[CLASSES.size()];
        float total = 0;
        for (int k = 0; k < votes.length; k++) {
          votes[k] = Float.parseFloat(row.get("votes_" + CLASSES.get(k)));
          total += votes[k];
        }
        if (total == 0) {
          continue;
        }
        for (int k = 0; k < votes.length; k++) {
          votes[k] /= total;
        }
        String group = row.get("dup_group");
        String key = group == null || group.isBlank() ? "line " + line : "group " + group;
        faces.add(filter(readGrey(folder.resolve(row.get("path")))));
        targets.add(votes);
        held.add(isHeldOut(key, heldOutPercent, seed));
      }
    }
    float[] pixels = new float[faces.size() * SIZE * SIZE];
    float[] soft = new float[faces.size() * CLASSES.size()];
    boolean[] heldOut = new boolean[faces.size()];
    for (int i = 0; i < faces.size(); i++) {
      System.arraycopy(faces.get(i), 0, pixels, i * SIZE * SIZE, SIZE * SIZE);
      System.arraycopy(targets.get(i), 0, soft, i * CLASSES.size(), CLASSES.size());
      heldOut[i] = held.get(i);
    }
    return new FerPlusFaces(pixels, soft, heldOut);
  }

  /** The grey values of a 48x48 image file (PNG or JPEG). */
  static int[] readGrey(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null || image.getWidth() != SIZE || image.getHeight() != SIZE) {
      throw new IOException(png + ": not a 48x48 image");
    }
    Raster raster = image.getRaster();
    int[] out = new int[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        out[y * SIZE + x] = raster.getSample(x, y, 0);
      }
    }
    return out;
  }

  /**
   * OpenCV's {@code convertScaleAbs(x, 1.2)} (round half to even, clip at 255) then {@code
   * equalizeHist}: the filter the PublicTest images went through (data README).
   */
  public static float[] filter(int[] grey) {
    int[] scaled = new int[grey.length];
    int[] histogram = new int[256];
    for (int i = 0; i < grey.length; i++) {
      scaled[i] = (int) Math.min(255, Math.rint(grey[i] * 1.2));
      histogram[scaled[i]]++;
    }
    int first = 0;
    while (histogram[first] == 0) {
      first++;
    }
    float[] out = new float[grey.length];
    if (histogram[first] == grey.length) {
      java.util.Arrays.fill(out, first);
      return out;
    }
    float scale = 255f / (grey.length - histogram[first]);
    int[] lut = new int[256];
    int sum = 0;
    for (int v = first + 1; v < 256; v++) {
      sum += histogram[v];
      lut[v] = (int) Math.min(255, Math.rint(sum * scale));
    }
    for (int i = 0; i < grey.length; i++) {
      out[i] = lut[scaled[i]];
    }
    return out;
  }

  /** Whether the face or dup group named {@code key} falls in the held-out share. */
  static boolean isHeldOut(String key, int heldOutPercent, long seed) {
    return Math.floorMod(mix(key.hashCode() ^ seed), 100) < heldOutPercent;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
