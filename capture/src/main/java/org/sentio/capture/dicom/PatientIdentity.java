package org.sentio.capture.dicom;

/**
 * Patient identity, kept apart from the image metadata so that views and exports can mask it.
 * Fields are empty strings when absent.
 */
public record PatientIdentity(
    String name,
    String id,
    String birthDate,
    String sex,
    String age,
    String accessionNumber,
    String institution,
    String referringPhysician) {

  /** Shown in place of a masked field. */
  public static final String MASK = "••••••";

  static PatientIdentity of(DicomDataset ds) {
    return new PatientIdentity(
        ds.getString(Tag.PATIENT_NAME, "").replace('^', ' ').trim(),
        ds.getString(Tag.PATIENT_ID, ""),
        ds.getString(Tag.PATIENT_BIRTH_DATE, ""),
        ds.getString(Tag.PATIENT_SEX, ""),
        ds.getString(Tag.PATIENT_AGE, ""),
        ds.getString(Tag.ACCESSION_NUMBER, ""),
        ds.getString(Tag.INSTITUTION_NAME, ""),
        ds.getString(Tag.REFERRING_PHYSICIAN_NAME, "").replace('^', ' ').trim());
  }

  /** The same fields with every non-empty value replaced by {@link #MASK}. */
  public PatientIdentity masked() {
    return new PatientIdentity(
        m(name),
        m(id),
        m(birthDate),
        m(sex),
        m(age),
        m(accessionNumber),
        m(institution),
        m(referringPhysician));
  }

  private static String m(String v) {
    return v.isEmpty() ? "" : MASK;
  }
}
