package org.sentio.capture.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the viewer and the export need to know about one image (no patient identity: see {@link
 * PatientIdentity}). Numeric fields are NaN when absent; arrays empty.
 */
public record ImageInfo(
    String modality,
    String sopClassUid,
    String sopInstanceUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    String studyDate,
    String studyDescription,
    String seriesDescription,
    String manufacturer,
    String bodyPart,
    int seriesNumber,
    int instanceNumber,
    int rows,
    int columns,
    int frames,
    int samplesPerPixel,
    int bitsAllocated,
    int bitsStored,
    boolean signed,
    String photometric,
    double[] pixelSpacing,
    double sliceThickness,
    double[] imagePosition,
    double[] imageOrientation,
    double rescaleSlope,
    double rescaleIntercept,
    double windowCenter,
    double windowWidth,
    TransferSyntax transferSyntax) {

  static ImageInfo of(DicomDataset ds, PixelDecoder.Layout l, TransferSyntax ts) {
    return new ImageInfo(
        ds.getString(Tag.MODALITY, ""),
        ds.getString(Tag.SOP_CLASS_UID, ""),
        ds.getString(Tag.SOP_INSTANCE_UID, ""),
        ds.getString(Tag.STUDY_INSTANCE_UID, ""),
        ds.getString(Tag.SERIES_INSTANCE_UID, ""),
        ds.getString(Tag.STUDY_DATE, ""),
        ds.getString(Tag.STUDY_DESCRIPTION, ""),
        ds.getString(Tag.SERIES_DESCRIPTION, ""),
        ds.getString(Tag.MANUFACTURER, ""),
        ds.getString(Tag.BODY_PART_EXAMINED, ""),
        ds.getInt(Tag.SERIES_NUMBER, 0),
        ds.getInt(Tag.INSTANCE_NUMBER, 0),
        l.rows(),
        l.columns(),
        l.frames(),
        l.samplesPerPixel(),
        l.bitsAllocated(),
        l.bitsStored(),
        l.signed(),
        l.photometric(),
        ds.getDoubles(Tag.PIXEL_SPACING),
        ds.getDouble(Tag.SLICE_THICKNESS).orElse(Double.NaN),
        ds.getDoubles(Tag.IMAGE_POSITION_PATIENT),
        ds.getDoubles(Tag.IMAGE_ORIENTATION_PATIENT),
        ds.getDouble(Tag.RESCALE_SLOPE).orElse(1.0),
        ds.getDouble(Tag.RESCALE_INTERCEPT).orElse(0.0),
        ds.getDouble(Tag.WINDOW_CENTER).orElse(Double.NaN),
        ds.getDouble(Tag.WINDOW_WIDTH).orElse(Double.NaN),
        ts);
  }

  /**
   * This image's values for one frame of an enhanced multi-frame file: each functional group is
   * taken from the frame's Per-frame Functional Groups item, else from the Shared Functional
   * Groups, else the top-level attribute stays. Position, orientation, pixel spacing, slice
   * thickness, rescale and window are read this way.
   */
  ImageInfo forFrame(DicomDataset ds, int frame) {
    List<DicomDataset> groups = new ArrayList<>(2);
    item(ds, Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, frame).ifPresent(groups::add);
    item(ds, Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, 0).ifPresent(groups::add);
    if (groups.isEmpty()) {
      return this;
    }
    double[] position =
        functional(groups, Tag.PLANE_POSITION_SEQUENCE, Tag.IMAGE_POSITION_PATIENT, 3);
    double[] orientation =
        functional(groups, Tag.PLANE_ORIENTATION_SEQUENCE, Tag.IMAGE_ORIENTATION_PATIENT, 6);
    double[] spacing = functional(groups, Tag.PIXEL_MEASURES_SEQUENCE, Tag.PIXEL_SPACING, 2);
    double[] thickness = functional(groups, Tag.PIXEL_MEASURES_SEQUENCE, Tag.SLICE_THICKNESS, 1);
    double[] slope =
        functional(groups, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.RESCALE_SLOPE, 1);
    double[] intercept =
        functional(groups, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.RESCALE_INTERCEPT, 1);
    double[] centre = functional(groups, Tag.FRAME_VOI_LUT_SEQUENCE, Tag.WINDOW_CENTER, 1);
    double[] width = functional(groups, Tag.FRAME_VOI_LUT_SEQUENCE, Tag.WINDOW_WIDTH, 1);
    return new ImageInfo(
        modality,
        sopClassUid,
        sopInstanceUid,
        studyInstanceUid,
        seriesInstanceUid,
        studyDate,
        studyDescription,
        seriesDescription,
        manufacturer,
        bodyPart,
        seriesNumber,
        instanceNumber,
        rows,
        columns,
        frames,
        samplesPerPixel,
        bitsAllocated,
        bitsStored,
        signed,
        photometric,
        spacing.length == 0 ? pixelSpacing : spacing,
        thickness.length == 0 ? sliceThickness : thickness[0],
        position.length == 0 ? imagePosition : position,
        orientation.length == 0 ? imageOrientation : orientation,
        slope.length == 0 ? rescaleSlope : slope[0],
        intercept.length == 0 ? rescaleIntercept : intercept[0],
        centre.length == 0 ? windowCenter : centre[0],
        width.length == 0 ? windowWidth : width[0],
        transferSyntax);
  }

  private static Optional<DicomDataset> item(DicomDataset ds, int sequence, int index) {
    return ds.get(sequence)
        .filter(DicomElement::isSequence)
        .map(DicomElement::items)
        .filter(items -> index < items.size())
        .map(items -> items.get(index));
  }

  /**
   * The first group (per-frame, then shared) whose macro holds the attribute with enough values.
   */
  private static double[] functional(
      List<DicomDataset> groups, int macro, int attribute, int minValues) {
    for (DicomDataset group : groups) {
      double[] v = item(group, macro, 0).map(m -> m.getDoubles(attribute)).orElse(new double[0]);
      if (v.length >= minValues) {
        return v;
      }
    }
    return new double[0];
  }

  /** Rescaled values are Hounsfield units (CT). */
  public boolean hounsfield() {
    return "CT".equals(modality);
  }

  public boolean colour() {
    return samplesPerPixel == 3;
  }
}
