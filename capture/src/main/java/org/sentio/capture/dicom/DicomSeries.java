package org.sentio.capture.dicom;

import java.util.List;

/**
 * The slices of one series in spatial order (by Image Position Patient along the slice normal, else
 * Instance Number, then frame), with the identity of the patient kept apart.
 */
public record DicomSeries(
    String seriesInstanceUid, PatientIdentity identity, List<DicomSlice> slices) {

  public DicomSlice slice(int i) {
    return slices.get(i);
  }

  public int size() {
    return slices.size();
  }

  /** Metadata of the first slice. */
  public ImageInfo info() {
    return slices.get(0).info();
  }
}
