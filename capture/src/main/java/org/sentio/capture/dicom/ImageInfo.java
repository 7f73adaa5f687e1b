package org.sentio.capture.dicom;

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

  /** Rescaled values are Hounsfield units (CT). */
  public boolean hounsfield() {
    return "CT".equals(modality);
  }

  public boolean colour() {
    return samplesPerPixel == 3;
  }
}
