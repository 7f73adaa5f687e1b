package org.sentio.capture.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of the DICOM PS3.15 Annex E Basic Application Confidentiality Profile (Table
 * E.1-1) that Sentio acts on, each with its action. Where the table gives a choice ("Z/D", "X/Z",
 * "X/D", "X/Z/D", "X/Z/U*"), the first action that keeps the file valid for its Type is taken.
 * Beyond this list, every private attribute is removed.
 */
public final class BasicProfile {

  /** What happens to an attribute. */
  public enum Action {
    /** Removed. */
    X,
    /** Replaced by a zero-length value. */
    Z,
    /** Replaced by a dummy value consistent with its VR. */
    D,
    /** Replaced by a new UID, the same new UID for the same old one within one export. */
    U
  }

  /** One row of the table. */
  public record Rule(int tag, String name, Action action) {}

  private static final Map<Integer, Rule> RULES = new LinkedHashMap<>();

  private static void r(int tag, String name, Action action) {
    RULES.put(tag, new Rule(tag, name, action));
  }

  static {
    Action x = Action.X;
    Action z = Action.Z;
    Action d = Action.D;
    Action u = Action.U;
    r(0x00080014, "Instance Creator UID", u);
    r(0x00080018, "SOP Instance UID", u);
    r(0x00080020, "Study Date", z);
    r(0x00080021, "Series Date", x);
    r(0x00080022, "Acquisition Date", x);
    r(0x00080023, "Content Date", z);
    r(0x00080024, "Overlay Date", x);
    r(0x00080025, "Curve Date", x);
    r(0x0008002A, "Acquisition DateTime", x);
    r(0x00080030, "Study Time", z);
    r(0x00080031, "Series Time", x);
    r(0x00080032, "Acquisition Time", x);
    r(0x00080033, "Content Time", z);
    r(0x00080034, "Overlay Time", x);
    r(0x00080035, "Curve Time", x);
    r(0x00080050, "Accession Number", z);
    r(0x00080058, "Failed SOP Instance UID List", u);
    r(0x00080080, "Institution Name", x);
    r(0x00080081, "Institution Address", x);
    r(0x00080082, "Institution Code Sequence", x);
    r(0x00080090, "Referring Physician's Name", z);
    r(0x00080092, "Referring Physician's Address", x);
    r(0x00080094, "Referring Physician's Telephone Numbers", x);
    r(0x00080096, "Referring Physician Identification Sequence", x);
    r(0x0008009C, "Consulting Physician's Name", x);
    r(0x0008009D, "Consulting Physician Identification Sequence", x);
    r(0x00080201, "Timezone Offset From UTC", x);
    r(0x00081010, "Station Name", x);
    r(0x00081030, "Study Description", x);
    r(0x0008103E, "Series Description", x);
    r(0x00081040, "Institutional Department Name", x);
    r(0x00081048, "Physician(s) of Record", x);
    r(0x00081049, "Physician(s) of Record Identification Sequence", x);
    r(0x00081050, "Performing Physician's Name", x);
    r(0x00081052, "Performing Physician Identification Sequence", x);
    r(0x00081060, "Name of Physician(s) Reading Study", x);
    r(0x00081062, "Physician(s) Reading Study Identification Sequence", x);
    r(0x00081070, "Operators' Name", x);
    r(0x00081072, "Operator Identification Sequence", x);
    r(0x00081080, "Admitting Diagnoses Description", x);
    r(0x00081084, "Admitting Diagnoses Code Sequence", x);
    r(0x00081110, "Referenced Study Sequence", x);
    r(0x00081111, "Referenced Performed Procedure Step Sequence", x);
    r(0x00081120, "Referenced Patient Sequence", x);
    r(0x00081155, "Referenced SOP Instance UID", u);
    r(0x00081195, "Transaction UID", u);
    r(0x00082111, "Derivation Description", x);
    r(0x00083010, "Irradiation Event UID", u);
    r(0x00084000, "Identifying Comments", x);
    r(0x00100010, "Patient's Name", z);
    r(0x00100020, "Patient ID", z);
    r(0x00100021, "Issuer of Patient ID", x);
    r(0x00100030, "Patient's Birth Date", z);
    r(0x00100032, "Patient's Birth Time", x);
    r(0x00100040, "Patient's Sex", z);
    r(0x00100050, "Patient's Insurance Plan Code Sequence", x);
    r(0x00101000, "Other Patient IDs", x);
    r(0x00101001, "Other Patient Names", x);
    r(0x00101002, "Other Patient IDs Sequence", x);
    r(0x00101005, "Patient's Birth Name", x);
    r(0x00101010, "Patient's Age", x);
    r(0x00101020, "Patient's Size", x);
    r(0x00101030, "Patient's Weight", x);
    r(0x00101040, "Patient's Address", x);
    r(0x00101060, "Patient's Mother's Birth Name", x);
    r(0x00101080, "Military Rank", x);
    r(0x00101081, "Branch of Service", x);
    r(0x00101090, "Medical Record Locator", x);
    r(0x00102000, "Medical Alerts", x);
    r(0x00102110, "Allergies", x);
    r(0x00102150, "Country of Residence", x);
    r(0x00102152, "Region of Residence", x);
    r(0x00102154, "Patient's Telephone Numbers", x);
    r(0x00102160, "Ethnic Group", x);
    r(0x00102180, "Occupation", x);
    r(0x001021A0, "Smoking Status", x);
    r(0x001021B0, "Additional Patient History", x);
    r(0x001021C0, "Pregnancy Status", x);
    r(0x001021D0, "Last Menstrual Date", x);
    r(0x001021F0, "Patient's Religious Preference", x);
    r(0x00104000, "Patient Comments", x);
    r(0x00181000, "Device Serial Number", x);
    r(0x00181002, "Device UID", u);
    r(0x00181004, "Plate ID", x);
    r(0x00181005, "Generator ID", x);
    r(0x00181007, "Cassette ID", x);
    r(0x00181008, "Gantry ID", x);
    r(0x00181030, "Protocol Name", x);
    r(0x00181400, "Acquisition Device Processing Description", x);
    r(0x00184000, "Acquisition Comments", x);
    r(0x0018700A, "Detector ID", x);
    r(0x00189424, "Acquisition Protocol Description", x);
    r(0x0020000D, "Study Instance UID", u);
    r(0x0020000E, "Series Instance UID", u);
    r(0x00200010, "Study ID", z);
    r(0x00200052, "Frame of Reference UID", u);
    r(0x00200200, "Synchronization Frame of Reference UID", u);
    r(0x00204000, "Image Comments", x);
    r(0x00209161, "Concatenation UID", u);
    r(0x00209164, "Dimension Organization UID", u);
    r(0x00281214, "Large Palette Color Lookup Table UID", u);
    r(0x00321032, "Requesting Physician", x);
    r(0x00321033, "Requesting Service", x);
    r(0x00321060, "Requested Procedure Description", x);
    r(0x00324000, "Study Comments", x);
    r(0x00380010, "Admission ID", x);
    r(0x00380300, "Current Patient Location", x);
    r(0x00380400, "Patient's Institution Residence", x);
    r(0x00384000, "Visit Comments", x);
    r(0x00400241, "Performed Station AE Title", x);
    r(0x00400242, "Performed Station Name", x);
    r(0x00400243, "Performed Location", x);
    r(0x00400244, "Performed Procedure Step Start Date", x);
    r(0x00400245, "Performed Procedure Step Start Time", x);
    r(0x00400253, "Performed Procedure Step ID", x);
    r(0x00400254, "Performed Procedure Step Description", x);
    r(0x00400275, "Request Attributes Sequence", x);
    r(0x00401001, "Requested Procedure ID", x);
    r(0x00402016, "Placer Order Number / Imaging Service Request", x);
    r(0x00402017, "Filler Order Number / Imaging Service Request", x);
    r(0x00404036, "Human Performer's Organization", x);
    r(0x00404037, "Human Performer's Name", x);
    r(0x0040A027, "Verifying Organization", x);
    r(0x0040A073, "Verifying Observer Sequence", x);
    r(0x0040A075, "Verifying Observer Name", x);
    r(0x0040A123, "Person Name", x);
    r(0x0040A124, "UID", u);
    r(0x0040A730, "Content Sequence", x);
    r(0x00700084, "Content Creator's Name", z);
    r(0x0070031A, "Fiducial UID", u);
    r(0x00880140, "Storage Media File-set UID", u);
    r(0x30060024, "Referenced Frame of Reference UID", u);
    r(0x300600C2, "Related Frame of Reference UID", u);
    r(0x300A0013, "Dose Reference UID", u);
    r(0x300E0008, "Reviewer Name", x);
    r(0x40000010, "Arbitrary", x);
    r(0x40004000, "Text Comments", x);
    r(0x40080042, "Results ID Issuer", x);
    r(0x40080114, "Physician Approving Interpretation", x);
    r(0x40080119, "Distribution Name", x);
    r(0x4008011A, "Distribution Address", x);
    r(0x40080202, "Interpretation ID Issuer", x);
    r(0x40080300, "Impressions", x);
    r(0x40084000, "Results Comments", x);
    r(0xFFFAFFFA, "Digital Signatures Sequence", x);
    r(0xFFFCFFFC, "Data Set Trailing Padding", x);
  }

  private BasicProfile() {}

  /** Every rule, in tag order as listed. */
  public static List<Rule> rules() {
    return Collections.unmodifiableList(new ArrayList<>(RULES.values()));
  }

  /** The rule for a tag, or null when the profile keeps it. */
  public static Rule rule(int tag) {
    return RULES.get(tag);
  }
}
