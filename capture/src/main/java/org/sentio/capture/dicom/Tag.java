package org.sentio.capture.dicom;

import java.util.HashMap;
import java.util.Map;

/** Tags Sentio reads or writes, as {@code (group << 16) | element}, with their VRs and names. */
public final class Tag {

  public static final int FILE_META_GROUP_LENGTH = 0x00020000;
  public static final int FILE_META_VERSION = 0x00020001;
  public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
  public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
  public static final int TRANSFER_SYNTAX_UID = 0x00020010;
  public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
  public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;

  public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
  public static final int SOP_CLASS_UID = 0x00080016;
  public static final int SOP_INSTANCE_UID = 0x00080018;
  public static final int STUDY_DATE = 0x00080020;
  public static final int SERIES_DATE = 0x00080021;
  public static final int STUDY_TIME = 0x00080030;
  public static final int ACCESSION_NUMBER = 0x00080050;
  public static final int MODALITY = 0x00080060;
  public static final int MANUFACTURER = 0x00080070;
  public static final int INSTITUTION_NAME = 0x00080080;
  public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
  public static final int STUDY_DESCRIPTION = 0x00081030;
  public static final int SERIES_DESCRIPTION = 0x0008103E;

  public static final int PATIENT_NAME = 0x00100010;
  public static final int PATIENT_ID = 0x00100020;
  public static final int PATIENT_BIRTH_DATE = 0x00100030;
  public static final int PATIENT_SEX = 0x00100040;
  public static final int PATIENT_AGE = 0x00101010;

  public static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
  public static final int DEIDENTIFICATION_METHOD = 0x00120063;
  public static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;
  public static final int CODE_VALUE = 0x00080100;
  public static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
  public static final int CODE_MEANING = 0x00080104;

  public static final int BODY_PART_EXAMINED = 0x00180015;
  public static final int SLICE_THICKNESS = 0x00180050;

  public static final int STUDY_INSTANCE_UID = 0x0020000D;
  public static final int SERIES_INSTANCE_UID = 0x0020000E;
  public static final int STUDY_ID = 0x00200010;
  public static final int SERIES_NUMBER = 0x00200011;
  public static final int INSTANCE_NUMBER = 0x00200013;
  public static final int IMAGE_POSITION_PATIENT = 0x00200032;
  public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
  public static final int FRAME_OF_REFERENCE_UID = 0x00200052;

  public static final int SAMPLES_PER_PIXEL = 0x00280002;
  public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
  public static final int PLANAR_CONFIGURATION = 0x00280006;
  public static final int NUMBER_OF_FRAMES = 0x00280008;
  public static final int ROWS = 0x00280010;
  public static final int COLUMNS = 0x00280011;
  public static final int PIXEL_SPACING = 0x00280030;
  public static final int BITS_ALLOCATED = 0x00280100;
  public static final int BITS_STORED = 0x00280101;
  public static final int HIGH_BIT = 0x00280102;
  public static final int PIXEL_REPRESENTATION = 0x00280103;
  public static final int WINDOW_CENTER = 0x00281050;
  public static final int WINDOW_WIDTH = 0x00281051;
  public static final int RESCALE_INTERCEPT = 0x00281052;
  public static final int RESCALE_SLOPE = 0x00281053;
  public static final int RESCALE_TYPE = 0x00281054;

  public static final int SPACING_BETWEEN_SLICES = 0x00180088;
  public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
  public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
  public static final int PLANE_POSITION_SEQUENCE = 0x00209113;
  public static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
  public static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
  public static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
  public static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;

  public static final int PIXEL_DATA = 0x7FE00010;
  public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
  public static final int DOUBLE_PIXEL_DATA = 0x7FE00009;

  public static final int ITEM = 0xFFFEE000;
  public static final int ITEM_DELIMITATION = 0xFFFEE00D;
  public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

  private static final Map<Integer, String> VR = new HashMap<>();

  static {
    for (int t :
        new int[] {
          MEDIA_STORAGE_SOP_CLASS_UID,
          MEDIA_STORAGE_SOP_INSTANCE_UID,
          TRANSFER_SYNTAX_UID,
          IMPLEMENTATION_CLASS_UID,
          SOP_CLASS_UID,
          SOP_INSTANCE_UID,
          STUDY_INSTANCE_UID,
          SERIES_INSTANCE_UID,
          FRAME_OF_REFERENCE_UID,
          0x00081155,
          0x00081150,
          0x00209161,
          0x00209164,
          0x0020000D,
          0x00080014,
          0x00040216,
          0x00081195,
          0x00400554,
          0x0040A124,
          0x00880140,
          0x30060024,
          0x300600C2,
          0x0020000E,
          0x00200200,
          0x3010006E
        }) {
      VR.put(t, "UI");
    }
    for (int t : new int[] {0x00080020, 0x00080021, 0x00080022, 0x00080023, 0x00100030}) {
      VR.put(t, "DA");
    }
    for (int t : new int[] {0x00080030, 0x00080031, 0x00080032, 0x00080033, 0x00100032}) {
      VR.put(t, "TM");
    }
    for (int t :
        new int[] {0x00080090, 0x00081050, 0x00081060, 0x00081070, 0x00100010, 0x00101001}) {
      VR.put(t, "PN");
    }
    for (int t :
        new int[] {
          SAMPLES_PER_PIXEL,
          PLANAR_CONFIGURATION,
          ROWS,
          COLUMNS,
          BITS_ALLOCATED,
          BITS_STORED,
          HIGH_BIT,
          PIXEL_REPRESENTATION
        }) {
      VR.put(t, "US");
    }
    for (int t :
        new int[] {
          SLICE_THICKNESS,
          IMAGE_POSITION_PATIENT,
          IMAGE_ORIENTATION_PATIENT,
          PIXEL_SPACING,
          WINDOW_CENTER,
          WINDOW_WIDTH,
          RESCALE_INTERCEPT,
          RESCALE_SLOPE,
          SPACING_BETWEEN_SLICES,
          0x00101020,
          0x00101030
        }) {
      VR.put(t, "DS");
    }
    for (int t : new int[] {NUMBER_OF_FRAMES, SERIES_NUMBER, INSTANCE_NUMBER}) {
      VR.put(t, "IS");
    }
    VR.put(PATIENT_SEX, "CS");
    VR.put(MODALITY, "CS");
    VR.put(PHOTOMETRIC_INTERPRETATION, "CS");
    VR.put(SPECIFIC_CHARACTER_SET, "CS");
    VR.put(PATIENT_IDENTITY_REMOVED, "CS");
    VR.put(BODY_PART_EXAMINED, "CS");
    VR.put(PATIENT_AGE, "AS");
    VR.put(DEIDENTIFICATION_METHOD, "LO");
    VR.put(DEIDENTIFICATION_METHOD_CODE_SEQUENCE, "SQ");
    VR.put(CODE_VALUE, "SH");
    VR.put(CODING_SCHEME_DESIGNATOR, "SH");
    VR.put(CODE_MEANING, "LO");
    VR.put(PATIENT_ID, "LO");
    VR.put(MANUFACTURER, "LO");
    VR.put(INSTITUTION_NAME, "LO");
    VR.put(STUDY_DESCRIPTION, "LO");
    VR.put(SERIES_DESCRIPTION, "LO");
    VR.put(RESCALE_TYPE, "LO");
    VR.put(ACCESSION_NUMBER, "SH");
    VR.put(STUDY_ID, "SH");
    VR.put(FILE_META_GROUP_LENGTH, "UL");
    VR.put(FILE_META_VERSION, "OB");
    VR.put(IMPLEMENTATION_VERSION_NAME, "SH");
    for (int t :
        new int[] {
          0x00081110,
          0x00081111,
          0x00081115,
          0x00081120,
          0x00081140,
          0x00081032,
          0x00082112,
          0x00089215,
          0x00400275,
          0x00400260,
          0x00102202,
          0x00081084,
          0x00080096,
          0x00321064,
          0x52009229,
          0x52009230,
          0x00082218,
          0x00400555,
          0x0040A730,
          0x0040A168,
          0x00081250,
          0x00101002,
          0x0008009D,
          PLANE_POSITION_SEQUENCE,
          PLANE_ORIENTATION_SEQUENCE,
          PIXEL_MEASURES_SEQUENCE,
          FRAME_VOI_LUT_SEQUENCE,
          PIXEL_VALUE_TRANSFORMATION_SEQUENCE
        }) {
      VR.put(t, "SQ");
    }
  }

  private Tag() {}

  /**
   * The VR Sentio knows for this tag (needed for Implicit VR): its own list, then the data
   * dictionary's VR of the Basic Profile's attributes, else "UN".
   */
  public static String vrOf(int tag) {
    if ((tag & 0xFFFF) == 0 && tag != PIXEL_DATA) {
      return "UL"; // group length
    }
    String vr = VR.get(tag);
    if (vr != null) {
      return vr;
    }
    BasicProfile.Rule rule = BasicProfile.rule(tag);
    return rule == null || rule.vr().isEmpty() ? "UN" : rule.vr();
  }

  /** "(gggg,eeee)". */
  public static String toString(int tag) {
    return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
  }

  /** Odd groups are private. */
  public static boolean isPrivate(int tag) {
    return ((tag >>> 16) & 1) == 1;
  }
}
