package org.sentio.capture.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Opens DICOM images, folders and series. */
public final class DicomReader {

  /** Images read from a folder and the files refused on the way. */
  public record FolderResult(List<DicomSeries> series, List<DicomException> refused) {}

  /** One file, fully decoded. */
  public record Image(
      DicomFile file, ImageInfo info, PatientIdentity identity, List<DicomSlice> frames) {}

  private DicomReader() {}

  /** Reads one image file (every frame). Refuses files with no image, or undecodable pixels. */
  public static Image readImage(Path path) throws DicomException {
    DicomFile f = DicomParser.parse(path);
    return decode(f);
  }

  static Image decode(DicomFile f) throws DicomException {
    DicomDataset ds = f.dataset();
    if (!ds.contains(Tag.PIXEL_DATA)) {
      String modality = ds.getString(Tag.MODALITY, "");
      throw new DicomException(
          f.path(),
          "no image: the file has no Pixel Data"
              + (modality.isEmpty() ? "" : " (modality " + modality + ")"));
    }
    PixelDecoder.Layout layout = PixelDecoder.layout(f.path(), ds);
    List<int[]> frames;
    try {
      frames = PixelDecoder.decode(f.path(), ds, f.transferSyntax(), layout);
    } catch (RuntimeException e) {
      throw new DicomException(f.path(), "damaged pixel data (" + e + ")", e);
    }
    ImageInfo info = ImageInfo.of(ds, layout, f.transferSyntax());
    List<DicomSlice> slices = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      slices.add(new DicomSlice(f.path(), i, info.forFrame(ds, i), frames.get(i)));
    }
    return new Image(f, slices.get(0).info(), PatientIdentity.of(ds), List.copyOf(slices));
  }

  /**
   * Reads a file or every file in a folder (recursively) into series. A single file that cannot be
   * opened is an error; in a folder, refused files are listed and the rest are read.
   */
  public static FolderResult read(Path path) throws DicomException {
    if (!Files.isDirectory(path)) {
      Image img = readImage(path);
      return new FolderResult(
          List.of(assemble(img.info().seriesInstanceUid(), List.of(img))), List.of());
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(path)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new DicomException(path, "cannot list folder (" + e.getMessage() + ")", e);
    }
    List<Image> images = new ArrayList<>();
    List<DicomException> refused = new ArrayList<>();
    for (Path p : files) {
      try {
        images.add(readImage(p));
      } catch (DicomException e) {
        refused.add(e);
      }
    }
    Map<String, List<Image>> bySeries = new LinkedHashMap<>();
    for (Image img : images) {
      String key = img.info().seriesInstanceUid();
      bySeries
          .computeIfAbsent(
              key.isEmpty() ? img.file().path().toString() : key, k -> new ArrayList<>())
          .add(img);
    }
    List<DicomSeries> series = new ArrayList<>();
    for (Map.Entry<String, List<Image>> e : bySeries.entrySet()) {
      series.add(assemble(e.getKey(), e.getValue()));
    }
    return new FolderResult(List.copyOf(series), List.copyOf(refused));
  }

  /**
   * Flattens the frames of one series' images into slices ordered by position along the slice
   * normal (each frame's own position for enhanced multi-frame files), then Instance Number, file
   * and frame.
   */
  static DicomSeries assemble(String uid, List<Image> images) {
    List<DicomSlice> slices = new ArrayList<>();
    for (Image img : images) {
      slices.addAll(img.frames());
    }
    slices.sort(
        Comparator.comparingDouble((DicomSlice s) -> positionAlongNormal(s.info()))
            .thenComparingInt(s -> s.info().instanceNumber())
            .thenComparing(DicomSlice::source)
            .thenComparingInt(DicomSlice::frame));
    return new DicomSeries(uid, images.get(0).identity(), List.copyOf(slices));
  }

  /** Image Position Patient projected on the slice normal; 0 when the position is unknown. */
  static double positionAlongNormal(ImageInfo info) {
    double[] pos = info.imagePosition();
    double[] o = info.imageOrientation();
    if (pos.length != 3) {
      return 0;
    }
    if (o.length != 6) {
      return pos[2];
    }
    double nx = o[1] * o[5] - o[2] * o[4];
    double ny = o[2] * o[3] - o[0] * o[5];
    double nz = o[0] * o[4] - o[1] * o[3];
    return pos[0] * nx + pos[1] * ny + pos[2] * nz;
  }
}
