package org.sentio.capture.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DICOM PS3.15 Annex E Basic Application Confidentiality Profile: every row of Table E.1-1 with
 * its Basic Profile action code, as published in DICOM 2021b.
 *
 * <p>Source: the table's rows as generated from the standard's DocBook ({@code part15.xml}, 2021b)
 * into Orthanc 1.10.1's {@code
 * OrthancFramework/Sources/DicomParsing/DicomModification_Anonymization2021b.impl.h}, taken from
 * Debian bookworm's source package {@code orthanc 1.10.1+dfsg-2+deb12u1}. That file keeps every
 * row's tag, name and code: plain X, Z and U rows by the list they are in, every other code in a
 * comment. VRs are from pydicom 2.3.1's data dictionary (Debian {@code python3-pydicom 2.3.1-1});
 * they give attributes of implicit-VR files a dummy value of the right kind. Rows added to Table
 * E.1-1 after 2021b are not in this list.
 *
 * <p>Beyond this list, every private attribute is removed, and sequences are walked so that the
 * rules apply inside them too.
 */
public final class BasicProfile {

  /** Which edition of the table this is, for De-identification Method and documentation. */
  public static final String SOURCE = "DICOM PS3.15 2021b Table E.1-1, Basic Profile";

  /** What Sentio does to an attribute. */
  public enum Action {
    /** Removed. */
    X,
    /** Replaced by a zero-length value (a sequence by an empty one). */
    Z,
    /**
     * Replaced by a dummy value consistent with its VR; a sequence is emptied, since Sentio has no
     * dummy items to put in it.
     */
    D,
    /** Replaced by a new UID, the same new UID for the same old one within one export. */
    U,
    /** Kept (a sequence's items are still walked). */
    K;

    /**
     * The operation for a table code. Where the table offers a choice ("Z/D", "X/Z", "X/D",
     * "X/Z/D", "X/Z/U*"), the first, most removing, action is taken: Sentio does not know each
     * IOD's attribute Types, and removing keeps less identity than a dummy. C (clean) is done as D:
     * Sentio cannot tell which values are safe to keep.
     */
    public static Action forCode(String code) {
      String first = code.split("/")[0].replace("*", "").trim();
      return switch (first) {
        case "X" -> X;
        case "Z" -> Z;
        case "D", "C" -> D;
        case "U" -> U;
        case "K" -> K;
        default -> throw new IllegalArgumentException("not a PS3.15 action code: " + code);
      };
    }
  }

  /**
   * One row of the table.
   *
   * @param tag the tag, or the lowest tag of a repeating-group range
   * @param mask the bits of a tag that must equal {@code tag} ({@code 0xFFFFFFFF} for one tag)
   * @param name the attribute's name in the table
   * @param code the Basic Profile code as the table gives it, e.g. "X/Z/D"
   * @param action what Sentio does
   * @param vr the attribute's VR from the data dictionary (the first when it has several), empty
   *     for a range
   */
  public record Rule(int tag, int mask, String name, String code, Action action, String vr) {

    /** A rule for one tag whose code is its action. */
    public Rule(int tag, String name, Action action) {
      this(tag, 0xFFFFFFFF, name, action.name(), action, "");
    }

    /** Whether the rule covers this tag. */
    public boolean matches(int other) {
      return (other & mask) == tag;
    }
  }

  private static final Map<Integer, Rule> RULES = new HashMap<>();
  private static final List<Rule> ORDERED = new ArrayList<>();
  private static final List<Rule> RANGES = new ArrayList<>();

  private static void r(int tag, String name, String code, String vr) {
    Rule rule = new Rule(tag, 0xFFFFFFFF, name, code, Action.forCode(code), vr);
    RULES.put(tag, rule);
    ORDERED.add(rule);
  }

  private static void range(int tag, int mask, String name) {
    Rule rule = new Rule(tag, mask, name, "X", Action.X, "");
    RANGES.add(rule);
    ORDERED.add(rule);
  }

  static {
    r(0x00001000, "Affected SOP Instance UID", "X", "UI");
    r(0x00001001, "Requested SOP Instance UID", "U", "UI");
    r(0x00020003, "Media Storage SOP Instance UID", "U", "UI");
    r(0x00041511, "Referenced SOP Instance UID in File", "U", "UI");
    r(0x00080014, "Instance Creator UID", "U", "UI");
    r(0x00080015, "Instance Coercion DateTime", "X", "DT");
    r(0x00080018, "SOP Instance UID", "U", "UI");
    r(0x00080020, "Study Date", "Z", "DA");
    r(0x00080021, "Series Date", "X/D", "DA");
    r(0x00080022, "Acquisition Date", "X/Z", "DA");
    r(0x00080023, "Content Date", "Z/D", "DA");
    r(0x00080024, "Overlay Date", "X", "DA");
    r(0x00080025, "Curve Date", "X", "DA");
    r(0x0008002A, "Acquisition DateTime", "X/Z/D", "DT");
    r(0x00080030, "Study Time", "Z", "TM");
    r(0x00080031, "Series Time", "X/D", "TM");
    r(0x00080032, "Acquisition Time", "X/Z", "TM");
    r(0x00080033, "Content Time", "Z/D", "TM");
    r(0x00080034, "Overlay Time", "X", "TM");
    r(0x00080035, "Curve Time", "X", "TM");
    r(0x00080050, "Accession Number", "Z", "SH");
    r(0x00080058, "Failed SOP Instance UID List", "U", "UI");
    r(0x00080080, "Institution Name", "X/Z/D", "LO");
    r(0x00080081, "Institution Address", "X", "ST");
    r(0x00080082, "Institution Code Sequence", "X/Z/D", "SQ");
    r(0x00080090, "Referring Physician's Name", "Z", "PN");
    r(0x00080092, "Referring Physician's Address", "X", "ST");
    r(0x00080094, "Referring Physician's Telephone Numbers", "X", "SH");
    r(0x00080096, "Referring Physician Identification Sequence", "X", "SQ");
    r(0x0008009C, "Consulting Physician's Name", "Z", "PN");
    r(0x0008009D, "Consulting Physician Identification Sequence", "X", "SQ");
    r(0x00080201, "Timezone Offset From UTC", "X", "SH");
    r(0x00081010, "Station Name", "X/Z/D", "SH");
    r(0x00081030, "Study Description", "X", "LO");
    r(0x0008103E, "Series Description", "X", "LO");
    r(0x00081040, "Institutional Department Name", "X", "LO");
    r(0x00081041, "Institutional Department Type Code Sequence", "X", "SQ");
    r(0x00081048, "Physician(s) of Record", "X", "PN");
    r(0x00081049, "Physician(s) of Record Identification Sequence", "X", "SQ");
    r(0x00081050, "Performing Physician's Name", "X", "PN");
    r(0x00081052, "Performing Physician Identification Sequence", "X", "SQ");
    r(0x00081060, "Name of Physician(s) Reading Study", "X", "PN");
    r(0x00081062, "Physician(s) Reading Study Identification Sequence", "X", "SQ");
    r(0x00081070, "Operators' Name", "X/Z/D", "PN");
    r(0x00081072, "Operator Identification Sequence", "X/D", "SQ");
    r(0x00081080, "Admitting Diagnoses Description", "X", "LO");
    r(0x00081084, "Admitting Diagnoses Code Sequence", "X", "SQ");
    r(0x00081110, "Referenced Study Sequence", "X/Z", "SQ");
    r(0x00081111, "Referenced Performed Procedure Step Sequence", "X/Z/D", "SQ");
    r(0x00081120, "Referenced Patient Sequence", "X", "SQ");
    r(0x00081140, "Referenced Image Sequence", "X/Z/U*", "SQ");
    r(0x00081155, "Referenced SOP Instance UID", "U", "UI");
    r(0x00081195, "Transaction UID", "U", "UI");
    r(0x00082111, "Derivation Description", "X", "ST");
    r(0x00082112, "Source Image Sequence", "X/Z/U*", "SQ");
    r(0x00083010, "Irradiation Event UID", "U", "UI");
    r(0x00084000, "Identifying Comments", "X", "LT");
    r(0x00100010, "Patient's Name", "Z", "PN");
    r(0x00100020, "Patient ID", "Z", "LO");
    r(0x00100021, "Issuer of Patient ID", "X", "LO");
    r(0x00100030, "Patient's Birth Date", "Z", "DA");
    r(0x00100032, "Patient's Birth Time", "X", "TM");
    r(0x00100040, "Patient's Sex", "Z", "CS");
    r(0x00100050, "Patient's Insurance Plan Code Sequence", "X", "SQ");
    r(0x00100101, "Patient's Primary Language Code Sequence", "X", "SQ");
    r(0x00100102, "Patient's Primary Language Modifier Code Sequence", "X", "SQ");
    r(0x00101000, "Other Patient IDs", "X", "LO");
    r(0x00101001, "Other Patient Names", "X", "PN");
    r(0x00101002, "Other Patient IDs Sequence", "X", "SQ");
    r(0x00101005, "Patient's Birth Name", "X", "PN");
    r(0x00101010, "Patient's Age", "X", "AS");
    r(0x00101020, "Patient's Size", "X", "DS");
    r(0x00101030, "Patient's Weight", "X", "DS");
    r(0x00101040, "Patient's Address", "X", "LO");
    r(0x00101050, "Insurance Plan Identification", "X", "LO");
    r(0x00101060, "Patient's Mother's Birth Name", "X", "PN");
    r(0x00101080, "Military Rank", "X", "LO");
    r(0x00101081, "Branch of Service", "X", "LO");
    r(0x00101090, "Medical Record Locator", "X", "LO");
    r(0x00101100, "Referenced Patient Photo Sequence", "X", "SQ");
    r(0x00102000, "Medical Alerts", "X", "LO");
    r(0x00102110, "Allergies", "X", "LO");
    r(0x00102150, "Country of Residence", "X", "LO");
    r(0x00102152, "Region of Residence", "X", "LO");
    r(0x00102154, "Patient's Telephone Numbers", "X", "SH");
    r(0x00102155, "Patient's Telecom Information", "X", "LT");
    r(0x00102160, "Ethnic Group", "X", "SH");
    r(0x00102180, "Occupation", "X", "SH");
    r(0x001021A0, "Smoking Status", "X", "CS");
    r(0x001021B0, "Additional Patient History", "X", "LT");
    r(0x001021C0, "Pregnancy Status", "X", "US");
    r(0x001021D0, "Last Menstrual Date", "X", "DA");
    r(0x001021F0, "Patient's Religious Preference", "X", "LO");
    r(0x00102203, "Patient's Sex Neutered", "X/Z", "CS");
    r(0x00102297, "Responsible Person", "X", "PN");
    r(0x00102299, "Responsible Organization", "X", "LO");
    r(0x00104000, "Patient Comments", "X", "LT");
    r(0x00120010, "Clinical Trial Sponsor Name", "D", "LO");
    r(0x00120020, "Clinical Trial Protocol ID", "D", "LO");
    r(0x00120021, "Clinical Trial Protocol Name", "Z", "LO");
    r(0x00120030, "Clinical Trial Site ID", "Z", "LO");
    r(0x00120031, "Clinical Trial Site Name", "Z", "LO");
    r(0x00120040, "Clinical Trial Subject ID", "D", "LO");
    r(0x00120042, "Clinical Trial Subject Reading ID", "D", "LO");
    r(0x00120050, "Clinical Trial Time Point ID", "Z", "LO");
    r(0x00120051, "Clinical Trial Time Point Description", "X", "ST");
    r(0x00120060, "Clinical Trial Coordinating Center Name", "Z", "LO");
    r(0x00120071, "Clinical Trial Series ID", "X", "LO");
    r(0x00120072, "Clinical Trial Series Description", "X", "LO");
    r(0x00120081, "Clinical Trial Protocol Ethics Committee Name", "D", "LO");
    r(0x00120082, "Clinical Trial Protocol Ethics Committee Approval Number", "X", "LO");
    r(0x0016002B, "Maker Note", "X", "OB");
    r(0x0016004B, "Device Setting Description", "X", "OB");
    r(0x0016004D, "Camera Owner Name", "X", "UT");
    r(0x0016004E, "Lens Specification", "X", "DS");
    r(0x0016004F, "Lens Make", "X", "UT");
    r(0x00160050, "Lens Model", "X", "UT");
    r(0x00160051, "Lens Serial Number", "X", "UT");
    r(0x00160070, "GPS Version ID", "X", "OB");
    r(0x00160071, "GPS Latitude Ref", "X", "CS");
    r(0x00160072, "GPS Latitude", "X", "DS");
    r(0x00160073, "GPS Longitude Ref", "X", "CS");
    r(0x00160074, "GPS Longitude", "X", "DS");
    r(0x00160075, "GPS Altitude Ref", "X", "US");
    r(0x00160076, "GPS Altitude", "X", "DS");
    r(0x00160077, "GPS Time Stamp", "X", "DT");
    r(0x00160078, "GPS Satellites", "X", "UT");
    r(0x00160079, "GPS Status", "X", "CS");
    r(0x0016007A, "GPS Measure Mode", "X", "CS");
    r(0x0016007B, "GPS DOP", "X", "DS");
    r(0x0016007C, "GPS Speed Ref", "X", "CS");
    r(0x0016007D, "GPS Speed", "X", "DS");
    r(0x0016007E, "GPS Track Ref", "X", "CS");
    r(0x0016007F, "GPS Track", "X", "DS");
    r(0x00160080, "GPS Img Direction Ref", "X", "CS");
    r(0x00160081, "GPS Img Direction", "X", "DS");
    r(0x00160082, "GPS Map Datum", "X", "UT");
    r(0x00160083, "GPS Dest Latitude Ref", "X", "CS");
    r(0x00160084, "GPS Dest Latitude", "X", "DS");
    r(0x00160085, "GPS Dest Longitude Ref", "X", "CS");
    r(0x00160086, "GPS Dest Longitude", "X", "DS");
    r(0x00160087, "GPS Dest Bearing Ref", "X", "CS");
    r(0x00160088, "GPS Dest Bearing", "X", "DS");
    r(0x00160089, "GPS Dest Distance Ref", "X", "CS");
    r(0x0016008A, "GPS Dest Distance", "X", "DS");
    r(0x0016008B, "GPS Processing Method", "X", "OB");
    r(0x0016008C, "GPS Area Information", "X", "OB");
    r(0x0016008D, "GPS Date Stamp", "X", "DT");
    r(0x0016008E, "GPS Differential", "X", "IS");
    r(0x00180010, "Contrast/Bolus Agent", "Z/D", "LO");
    r(0x00181000, "Device Serial Number", "X/Z/D", "LO");
    r(0x00181002, "Device UID", "U", "UI");
    r(0x00181004, "Plate ID", "X", "LO");
    r(0x00181005, "Generator ID", "X", "LO");
    r(0x00181007, "Cassette ID", "X", "LO");
    r(0x00181008, "Gantry ID", "X", "LO");
    r(0x00181009, "Unique Device Identifier", "X", "UT");
    r(0x0018100A, "UDI Sequence", "X", "SQ");
    r(0x0018100B, "Manufacturer's Device Class UID", "U", "UI");
    r(0x00181030, "Protocol Name", "X/D", "LO");
    r(0x001811BB, "Acquisition Field Of View Label", "D", "LO");
    r(0x00181400, "Acquisition Device Processing Description", "X/D", "LO");
    r(0x00182042, "Target UID", "U", "UI");
    r(0x00184000, "Acquisition Comments", "X", "LT");
    r(0x00185011, "Transducer Identification Sequence", "X", "SQ");
    r(0x0018700A, "Detector ID", "X/D", "SH");
    r(0x00189185, "Respiratory Motion Compensation Technique Description", "X", "ST");
    r(0x00189367, "X-Ray Source ID", "D", "UC");
    r(0x00189369, "Source Start DateTime", "D", "DT");
    r(0x0018936A, "Source End DateTime", "D", "DT");
    r(0x00189371, "X-Ray Detector ID", "D", "UC");
    r(0x00189373, "X-Ray Detector Label", "X", "ST");
    r(0x0018937B, "Multi-energy Acquisition Description", "X", "UT");
    r(0x0018937F, "Decomposition Description", "X", "UT");
    r(0x00189424, "Acquisition Protocol Description", "X", "LT");
    r(0x00189516, "Start Acquisition DateTime", "X/D", "DT");
    r(0x00189517, "End Acquisition DateTime", "X/D", "DT");
    r(0x00189937, "Requested Series Description", "X", "LO");
    r(0x0018A003, "Contribution Description", "X", "ST");
    r(0x0020000D, "Study Instance UID", "U", "UI");
    r(0x0020000E, "Series Instance UID", "U", "UI");
    r(0x00200010, "Study ID", "Z", "SH");
    r(0x00200052, "Frame of Reference UID", "U", "UI");
    r(0x00200200, "Synchronization Frame of Reference UID", "U", "UI");
    r(0x00203401, "Modifying Device ID", "X", "CS");
    r(0x00203406, "Modified Image Description", "X", "LO");
    r(0x00204000, "Image Comments", "X", "LT");
    r(0x00209158, "Frame Comments", "X", "LT");
    r(0x00209161, "Concatenation UID", "U", "UI");
    r(0x00209164, "Dimension Organization UID", "U", "UI");
    r(0x00281199, "Palette Color Lookup Table UID", "U", "UI");
    r(0x00281214, "Large Palette Color Lookup Table UID", "U", "UI");
    r(0x00284000, "Image Presentation Comments", "X", "LT");
    r(0x00320012, "Study ID Issuer", "X", "LO");
    r(0x00321020, "Scheduled Study Location", "X", "LO");
    r(0x00321021, "Scheduled Study Location AE Title", "X", "AE");
    r(0x00321030, "Reason for Study", "X", "LO");
    r(0x00321032, "Requesting Physician", "X", "PN");
    r(0x00321033, "Requesting Service", "X", "LO");
    r(0x00321060, "Requested Procedure Description", "X/Z", "LO");
    r(0x00321066, "Reason for Visit", "X", "UT");
    r(0x00321067, "Reason for Visit Code Sequence", "X", "SQ");
    r(0x00321070, "Requested Contrast Agent", "X", "LO");
    r(0x00324000, "Study Comments", "X", "LT");
    r(0x00340001, "Flow Identifier Sequence", "D", "SQ");
    r(0x00340002, "Flow Identifier", "D", "OB");
    r(0x00340005, "Source Identifier", "D", "OB");
    r(0x00340007, "Frame Origin Timestamp", "D", "OB");
    r(0x00380004, "Referenced Patient Alias Sequence", "X", "SQ");
    r(0x00380010, "Admission ID", "X", "LO");
    r(0x00380011, "Issuer of Admission ID", "X", "LO");
    r(0x00380014, "Issuer of Admission ID Sequence", "X", "SQ");
    r(0x0038001E, "Scheduled Patient Institution Residence", "X", "LO");
    r(0x00380020, "Admitting Date", "X", "DA");
    r(0x00380021, "Admitting Time", "X", "TM");
    r(0x00380040, "Discharge Diagnosis Description", "X", "LO");
    r(0x00380050, "Special Needs", "X", "LO");
    r(0x00380060, "Service Episode ID", "X", "LO");
    r(0x00380061, "Issuer of Service Episode ID", "X", "LO");
    r(0x00380062, "Service Episode Description", "X", "LO");
    r(0x00380064, "Issuer of Service Episode ID Sequence", "X", "SQ");
    r(0x00380300, "Current Patient Location", "X", "LO");
    r(0x00380400, "Patient's Institution Residence", "X", "LO");
    r(0x00380500, "Patient State", "X", "LO");
    r(0x00384000, "Visit Comments", "X", "LT");
    r(0x003A0310, "Multiplex Group UID", "U", "UI");
    r(0x003A0314, "Impedance Measurement DateTime", "D", "DT");
    r(0x00400001, "Scheduled Station AE Title", "X", "AE");
    r(0x00400002, "Scheduled Procedure Step Start Date", "X", "DA");
    r(0x00400003, "Scheduled Procedure Step Start Time", "X", "TM");
    r(0x00400004, "Scheduled Procedure Step End Date", "X", "DA");
    r(0x00400005, "Scheduled Procedure Step End Time", "X", "TM");
    r(0x00400006, "Scheduled Performing Physician's Name", "X", "PN");
    r(0x00400007, "Scheduled Procedure Step Description", "X", "LO");
    r(0x00400009, "Scheduled Procedure Step ID", "X", "SH");
    r(0x0040000B, "Scheduled Performing Physician Identification Sequence", "X", "SQ");
    r(0x00400010, "Scheduled Station Name", "X", "SH");
    r(0x00400011, "Scheduled Procedure Step Location", "X", "SH");
    r(0x00400012, "Pre-Medication", "X", "LO");
    r(0x00400241, "Performed Station AE Title", "X", "AE");
    r(0x00400242, "Performed Station Name", "X", "SH");
    r(0x00400243, "Performed Location", "X", "SH");
    r(0x00400244, "Performed Procedure Step Start Date", "X", "DA");
    r(0x00400245, "Performed Procedure Step Start Time", "X", "TM");
    r(0x00400250, "Performed Procedure Step End Date", "X", "DA");
    r(0x00400251, "Performed Procedure Step End Time", "X", "TM");
    r(0x00400253, "Performed Procedure Step ID", "X", "SH");
    r(0x00400254, "Performed Procedure Step Description", "X", "LO");
    r(0x00400275, "Request Attributes Sequence", "X", "SQ");
    r(0x00400280, "Comments on the Performed Procedure Step", "X", "ST");
    r(0x00400310, "Comments on Radiation Dose", "X", "ST");
    r(0x0040050A, "Specimen Accession Number", "X", "LO");
    r(0x00400512, "Container Identifier", "D", "LO");
    r(0x00400513, "Issuer of the Container Identifier Sequence", "Z", "SQ");
    r(0x0040051A, "Container Description", "X", "LO");
    r(0x00400551, "Specimen Identifier", "D", "LO");
    r(0x00400554, "Specimen UID", "U", "UI");
    r(0x00400555, "Acquisition Context Sequence", "X/Z", "SQ");
    r(0x00400562, "Issuer of the Specimen Identifier Sequence", "Z", "SQ");
    r(0x00400600, "Specimen Short Description", "X", "LO");
    r(0x00400602, "Specimen Detailed Description", "X", "UT");
    r(0x00400610, "Specimen Preparation Sequence", "Z", "SQ");
    r(0x004006FA, "Slide Identifier", "X", "LO");
    r(0x00401001, "Requested Procedure ID", "X", "SH");
    r(0x00401002, "Reason for the Requested Procedure", "X", "LO");
    r(0x00401004, "Patient Transport Arrangements", "X", "LO");
    r(0x00401005, "Requested Procedure Location", "X", "LO");
    r(0x0040100A, "Reason for Requested Procedure Code Sequence", "X", "SQ");
    r(0x00401010, "Names of Intended Recipients of Results", "X", "PN");
    r(0x00401011, "Intended Recipients of Results Identification Sequence", "X", "SQ");
    r(0x00401101, "Person Identification Code Sequence", "D", "SQ");
    r(0x00401102, "Person's Address", "X", "ST");
    r(0x00401103, "Person's Telephone Numbers", "X", "LO");
    r(0x00401104, "Person's Telecom Information", "X", "LT");
    r(0x00401400, "Requested Procedure Comments", "X", "LT");
    r(0x00402001, "Reason for the Imaging Service Request", "X", "LO");
    r(0x00402008, "Order Entered By", "X", "PN");
    r(0x00402009, "Order Enterer's Location", "X", "SH");
    r(0x00402010, "Order Callback Phone Number", "X", "SH");
    r(0x00402011, "Order Callback Telecom Information", "X", "LT");
    r(0x00402016, "Placer Order Number / Imaging Service Request", "Z", "LO");
    r(0x00402017, "Filler Order Number / Imaging Service Request", "Z", "LO");
    r(0x00402400, "Imaging Service Request Comments", "X", "LT");
    r(0x00403001, "Confidentiality Constraint on Patient Data Description", "X", "LO");
    r(0x00404005, "Scheduled Procedure Step Start DateTime", "X", "DT");
    r(0x00404008, "Scheduled Procedure Step Expiration DateTime", "X", "DT");
    r(0x00404010, "Scheduled Procedure Step Modification DateTime", "X", "DT");
    r(0x00404011, "Expected Completion DateTime", "X", "DT");
    r(0x00404023, "Referenced General Purpose Scheduled Procedure Step Transaction UID", "U", "UI");
    r(0x00404025, "Scheduled Station Name Code Sequence", "X", "SQ");
    r(0x00404027, "Scheduled Station Geographic Location Code Sequence", "X", "SQ");
    r(0x00404028, "Performed Station Name Code Sequence", "X", "SQ");
    r(0x00404030, "Performed Station Geographic Location Code Sequence", "X", "SQ");
    r(0x00404034, "Scheduled Human Performers Sequence", "X", "SQ");
    r(0x00404035, "Actual Human Performers Sequence", "X", "SQ");
    r(0x00404036, "Human Performer's Organization", "X", "LO");
    r(0x00404037, "Human Performer's Name", "X", "PN");
    r(0x00404050, "Performed Procedure Step Start DateTime", "X", "DT");
    r(0x00404051, "Performed Procedure Step End DateTime", "X", "DT");
    r(0x00404052, "Procedure Step Cancellation DateTime", "X", "DT");
    r(0x0040A027, "Verifying Organization", "D", "LO");
    r(0x0040A073, "Verifying Observer Sequence", "D", "SQ");
    r(0x0040A075, "Verifying Observer Name", "D", "PN");
    r(0x0040A078, "Author Observer Sequence", "X", "SQ");
    r(0x0040A07A, "Participant Sequence", "X", "SQ");
    r(0x0040A07C, "Custodial Organization Sequence", "X", "SQ");
    r(0x0040A088, "Verifying Observer Identification Code Sequence", "Z", "SQ");
    r(0x0040A123, "Person Name", "D", "PN");
    r(0x0040A124, "UID", "U", "UI");
    r(0x0040A171, "Observation UID", "U", "UI");
    r(0x0040A172, "Referenced Observation UID (Trial)", "U", "UI");
    r(0x0040A192, "Observation Date (Trial)", "X", "DA");
    r(0x0040A193, "Observation Time (Trial)", "X", "TM");
    r(0x0040A307, "Current Observer (Trial)", "X", "PN");
    r(0x0040A352, "Verbal Source (Trial)", "X", "PN");
    r(0x0040A353, "Address (Trial)", "X", "ST");
    r(0x0040A354, "Telephone Number (Trial)", "X", "LO");
    r(0x0040A358, "Verbal Source Identifier Code Sequence (Trial)", "X", "SQ");
    r(0x0040A402, "Observation Subject UID (Trial)", "U", "UI");
    r(0x0040A730, "Content Sequence", "D", "SQ");
    r(0x0040DB0C, "Template Extension Organization UID", "U", "UI");
    r(0x0040DB0D, "Template Extension Creator UID", "U", "UI");
    r(0x0050001B, "Container Component ID", "X", "LO");
    r(0x00500020, "Device Description", "X", "LO");
    r(0x00500021, "Long Device Description", "X", "ST");
    r(0x00620021, "Tracking UID", "U", "UI");
    r(0x00700001, "Graphic Annotation Sequence", "D", "SQ");
    r(0x00700084, "Content Creator's Name", "Z/D", "PN");
    r(0x00700086, "Content Creator's Identification Code Sequence", "X", "SQ");
    r(0x0070031A, "Fiducial UID", "U", "UI");
    r(0x00701101, "Presentation Display Collection UID", "U", "UI");
    r(0x00701102, "Presentation Sequence Collection UID", "U", "UI");
    r(0x00880140, "Storage Media File-set UID", "U", "UI");
    r(0x00880200, "Icon Image Sequence", "X", "SQ");
    r(0x00880904, "Topic Title", "X", "LO");
    r(0x00880906, "Topic Subject", "X", "ST");
    r(0x00880910, "Topic Author", "X", "LO");
    r(0x00880912, "Topic Keywords", "X", "LO");
    r(0x04000100, "Digital Signature UID", "U", "UI");
    r(0x04000402, "Referenced Digital Signature Sequence", "X", "SQ");
    r(0x04000403, "Referenced SOP Instance MAC Sequence", "X", "SQ");
    r(0x04000404, "MAC", "X", "OB");
    r(0x04000550, "Modified Attributes Sequence", "X", "SQ");
    r(0x04000551, "Nonconforming Modified Attributes Sequence", "X", "SQ");
    r(0x04000552, "Nonconforming Data Element Value", "X", "OB");
    r(0x04000561, "Original Attributes Sequence", "X", "SQ");
    r(0x04000600, "Instance Origin Status", "X", "CS");
    r(0x20300020, "Text String", "X", "LO");
    r(0x22000002, "Label Text", "X/Z", "UT");
    r(0x22000005, "Barcode Value", "X/Z", "LT");
    r(0x30060002, "Structure Set Label", "D", "SH");
    r(0x30060004, "Structure Set Name", "X", "LO");
    r(0x30060006, "Structure Set Description", "X", "ST");
    r(0x30060008, "Structure Set Date", "Z", "DA");
    r(0x30060009, "Structure Set Time", "Z", "TM");
    r(0x30060024, "Referenced Frame of Reference UID", "U", "UI");
    r(0x30060026, "ROI Name", "Z", "LO");
    r(0x30060028, "ROI Description", "X", "ST");
    r(0x30060038, "ROI Generation Description", "X", "LO");
    r(0x30060085, "ROI Observation Label", "X", "SH");
    r(0x30060088, "ROI Observation Description", "X", "ST");
    r(0x300600A6, "ROI Interpreter", "Z", "PN");
    r(0x300600C2, "Related Frame of Reference UID", "U", "UI");
    r(0x30080054, "First Treatment Date", "X/D", "DA");
    r(0x30080056, "Most Recent Treatment Date", "X/D", "DA");
    r(0x30080105, "Source Serial Number", "X/Z", "LO");
    r(0x30080250, "Treatment Date", "X/D", "DA");
    r(0x30080251, "Treatment Time", "X/D", "TM");
    r(0x300A0002, "RT Plan Label", "D", "SH");
    r(0x300A0003, "RT Plan Name", "X", "LO");
    r(0x300A0004, "RT Plan Description", "X", "ST");
    r(0x300A0006, "RT Plan Date", "X/D", "DA");
    r(0x300A0007, "RT Plan Time", "X/D", "TM");
    r(0x300A000E, "Prescription Description", "X", "ST");
    r(0x300A0013, "Dose Reference UID", "U", "UI");
    r(0x300A0016, "Dose Reference Description", "X", "LO");
    r(0x300A0072, "Fraction Group Description", "X", "LO");
    r(0x300A0083, "Referenced Dose Reference UID", "U", "UI");
    r(0x300A00B2, "Treatment Machine Name", "X/Z", "SH");
    r(0x300A00C3, "Beam Description", "X", "ST");
    r(0x300A00DD, "Bolus Description", "X", "ST");
    r(0x300A0196, "Fixation Device Description", "X", "ST");
    r(0x300A01A6, "Shielding Device Description", "X", "ST");
    r(0x300A01B2, "Setup Technique Description", "X", "ST");
    r(0x300A0216, "Source Manufacturer", "X", "LO");
    r(0x300A02EB, "Compensator Description", "X", "LT");
    r(0x300A0608, "Treatment Position Group Label", "D", "LO");
    r(0x300A0609, "Treatment Position Group UID", "U", "UI");
    r(0x300A0611, "RT Accessory Holder Slot ID", "Z", "LO");
    r(0x300A0615, "RT Accessory Device Slot ID", "Z", "LO");
    r(0x300A0619, "Radiation Dose Identification Label", "D", "LO");
    r(0x300A0623, "Radiation Dose In-Vivo Measurement Label", "D", "LO");
    r(0x300A062A, "RT Tolerance Set Label", "D", "LO");
    r(0x300A0650, "Patient Setup UID", "U", "UI");
    r(0x300A0676, "Equipment Frame of Reference Description", "X", "ST");
    r(0x300A067C, "Radiation Generation Mode Label", "D", "SH");
    r(0x300A067D, "Radiation Generation Mode Description", "Z", "ST");
    r(0x300A0700, "Treatment Session UID", "U", "UI");
    r(0x300A0734, "Treatment Tolerance Violation Description", "D", "ST");
    r(0x300A0736, "Treatment Tolerance Violation DateTime", "D", "DT");
    r(0x300A073A, "Recorded RT Control Point DateTime", "D", "DT");
    r(0x300A0741, "Interlock DateTime", "D", "DT");
    r(0x300A0742, "Interlock Description", "D", "ST");
    r(0x300A0760, "Override DateTime", "D", "DT");
    r(0x300A0783, "Interlock Origin Description", "D", "ST");
    r(0x300C0113, "Reason for Omission Description", "X", "LO");
    r(0x300E0008, "Reviewer Name", "X/Z", "PN");
    r(0x30100006, "Conceptual Volume UID", "U", "UI");
    r(0x3010000B, "Referenced Conceptual Volume UID", "U", "UI");
    r(0x3010000F, "Conceptual Volume Combination Description", "Z", "ST");
    r(0x30100013, "Constituent Conceptual Volume UID", "U", "UI");
    r(0x30100015, "Source Conceptual Volume UID", "U", "UI");
    r(0x30100017, "Conceptual Volume Description", "Z", "ST");
    r(0x3010001B, "Device Alternate Identifier", "Z", "UC");
    r(0x3010002D, "Device Label", "D", "LO");
    r(0x30100031, "Referenced Fiducials UID", "U", "UI");
    r(0x30100033, "User Content Label", "D", "SH");
    r(0x30100034, "User Content Long Label", "D", "LO");
    r(0x30100035, "Entity Label", "D", "SH");
    r(0x30100036, "Entity Name", "X", "LO");
    r(0x30100037, "Entity Description", "X", "ST");
    r(0x30100038, "Entity Long Label", "D", "LO");
    r(0x3010003B, "RT Treatment Phase UID", "U", "UI");
    r(0x30100043, "Manufacturer's Device Identifier", "Z", "ST");
    r(0x3010004C, "Intended Phase Start Date", "X/D", "DA");
    r(0x3010004D, "Intended Phase End Date", "X/D", "DA");
    r(0x30100054, "RT Prescription Label", "D", "LO");
    r(0x30100056, "RT Treatment Approach Label", "X/D", "LO");
    r(0x3010005A, "RT Physician Intent Narrative", "Z", "UT");
    r(0x3010005C, "Reason for Superseding", "Z", "ST");
    r(0x30100061, "Prior Treatment Dose Description", "X", "UT");
    r(0x3010006E, "Dosimetric Objective UID", "U", "UI");
    r(0x3010006F, "Referenced Dosimetric Objective UID", "U", "UI");
    r(0x30100077, "Treatment Site", "D", "LO");
    r(0x3010007A, "Treatment Technique Notes", "Z", "UT");
    r(0x3010007B, "Prescription Notes", "Z", "UT");
    r(0x3010007F, "Fractionation Notes", "Z", "UT");
    r(0x30100081, "Prescription Notes Sequence", "Z", "SQ");
    r(0x40000010, "Arbitrary", "X", "LT");
    r(0x40004000, "Text Comments", "X", "LT");
    r(0x40080042, "Results ID Issuer", "X", "LO");
    r(0x40080102, "Interpretation Recorder", "X", "PN");
    r(0x4008010A, "Interpretation Transcriber", "X", "PN");
    r(0x4008010B, "Interpretation Text", "X", "ST");
    r(0x4008010C, "Interpretation Author", "X", "PN");
    r(0x40080111, "Interpretation Approver Sequence", "X", "SQ");
    r(0x40080114, "Physician Approving Interpretation", "X", "PN");
    r(0x40080115, "Interpretation Diagnosis Description", "X", "LT");
    r(0x40080118, "Results Distribution List Sequence", "X", "SQ");
    r(0x40080119, "Distribution Name", "X", "PN");
    r(0x4008011A, "Distribution Address", "X", "LO");
    r(0x40080202, "Interpretation ID Issuer", "X", "LO");
    r(0x40080300, "Impressions", "X", "ST");
    r(0x40084000, "Results Comments", "X", "ST");
    r(0xFFFAFFFA, "Digital Signatures Sequence", "X", "SQ");
    r(0xFFFCFFFC, "Data Set Trailing Padding", "X", "OB");
    range(0x50000000, 0xFF000000, "Curve Data");
    range(0x60003000, 0xFF00FFFF, "Overlay Data");
    range(0x60004000, 0xFF00FFFF, "Overlay Comments");
  }

  private BasicProfile() {}

  /** Every rule: single tags in tag order, then the repeating-group ranges. */
  public static List<Rule> rules() {
    return Collections.unmodifiableList(ORDERED);
  }

  /** The rule for a tag, or null when the profile keeps it. */
  public static Rule rule(int tag) {
    Rule rule = RULES.get(tag);
    if (rule != null) {
      return rule;
    }
    for (Rule r : RANGES) {
      if (r.matches(tag)) {
        return r;
      }
    }
    return null;
  }
}
