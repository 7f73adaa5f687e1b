package org.sentio.capture.dicom;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * De-identifies datasets by the PS3.15 Basic Application Confidentiality Profile ({@link
 * BasicProfile}, every row of Table E.1-1 in DICOM 2021b): attributes removed, emptied or replaced,
 * private attributes removed, sequences walked, pixel data untouched. One instance is one export:
 * the same old UID always maps to the same new UID within it, and a fresh random salt makes the
 * mapping unguessable across exports.
 */
public final class Deidentifier {

  /** Written into De-identification Method (0012,0063). */
  public static final String METHOD =
      "DICOM PS3.15 Basic Application Confidentiality Profile (Sentio)";

  /** PS3.16 CID 7050 code that PS3.15 E.1.1 asks for in De-identification Method Code Sequence. */
  public static final String BASIC_PROFILE_CODE = "113100";

  /** What an export wrote and what it refused. */
  public record Export(List<Path> written, List<DicomException> refused, List<String> warnings) {}

  private final byte[] salt = new byte[16];
  private final Map<String, String> uids = new HashMap<>();

  public Deidentifier() {
    new SecureRandom().nextBytes(salt);
  }

  /** The replacement for a UID: "2.25." and a decimal of 128 salted-hash bits. */
  public synchronized String replaceUid(String old) {
    return uids.computeIfAbsent(old, this::newUid);
  }

  private String newUid(String old) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      md.update(old.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] h = md.digest();
      byte[] b = new byte[16];
      System.arraycopy(h, 0, b, 0, 16);
      return "2.25." + new BigInteger(1, b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A de-identified copy of the dataset (the input is not changed). */
  public DicomDataset deidentify(DicomDataset ds) {
    DicomDataset out = copy(ds);
    out.putString(Tag.PATIENT_IDENTITY_REMOVED, "CS", "YES");
    out.putString(Tag.DEIDENTIFICATION_METHOD, "LO", METHOD);
    DicomDataset code = new DicomDataset(ds.bigEndian());
    code.putString(Tag.CODE_VALUE, "SH", BASIC_PROFILE_CODE);
    code.putString(Tag.CODING_SCHEME_DESIGNATOR, "SH", "DCM");
    code.putString(Tag.CODE_MEANING, "LO", "Basic Application Confidentiality Profile");
    out.put(DicomElement.ofSequence(Tag.DEIDENTIFICATION_METHOD_CODE_SEQUENCE, List.of(code)));
    return out;
  }

  private DicomDataset copy(DicomDataset ds) {
    DicomDataset out = new DicomDataset(ds.bigEndian());
    for (DicomElement e : ds.elements()) {
      if (Tag.isPrivate(e.tag())) {
        continue;
      }
      BasicProfile.Rule rule = BasicProfile.rule(e.tag());
      if (rule == null || rule.action() == BasicProfile.Action.K) {
        if (e.isSequence()) {
          List<DicomDataset> items = new ArrayList<>();
          for (DicomDataset item : e.items()) {
            items.add(copy(item));
          }
          out.put(DicomElement.ofSequence(e.tag(), items));
        } else {
          out.put(e);
        }
        continue;
      }
      switch (rule.action()) {
        case X -> {}
        case Z ->
            out.put(
                e.isSequence()
                    ? DicomElement.ofSequence(e.tag(), List.of())
                    : DicomElement.ofValue(e.tag(), e.vr(), new byte[0]));
        case D -> out.put(dummy(e, rule));
        case U -> {
          String old = ds.getString(e.tag()).orElse("");
          if (old.isEmpty()) {
            out.put(DicomElement.ofValue(e.tag(), e.vr(), new byte[0]));
          } else {
            StringBuilder sb = new StringBuilder();
            for (String part : old.split("\\\\")) {
              if (sb.length() > 0) {
                sb.append('\\');
              }
              sb.append(replaceUid(part.trim()));
            }
            out.putString(e.tag(), "UN".equals(e.vr()) ? "UI" : e.vr(), sb.toString());
          }
        }
        default -> throw new IllegalStateException(rule.action() + " is copied above");
      }
    }
    return out;
  }

  /**
   * A non-empty value consistent with the VR. Implicit-VR files carry no VR, so the data
   * dictionary's (from the rule) stands in for "UN".
   */
  private static DicomElement dummy(DicomElement e, BasicProfile.Rule rule) {
    if (e.isSequence()) {
      return DicomElement.ofSequence(e.tag(), List.of());
    }
    String vr = "UN".equals(e.vr()) && !rule.vr().isEmpty() ? rule.vr() : e.vr();
    String text =
        switch (vr) {
          case "PN" -> "ANONYMOUS";
          case "DA" -> "19000101";
          case "TM" -> "000000";
          case "DT" -> "19000101000000";
          case "AS" -> "000Y";
          case "DS", "IS" -> "0";
          case "LO", "SH", "CS", "LT", "ST", "UT", "UC", "UR", "AE" -> "ANONYMIZED";
          default -> null;
        };
    if (text != null) {
      return DicomElement.ofValue(
          e.tag(), vr, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    int zeros =
        switch (vr) {
          case "US", "SS" -> 2;
          case "UL", "SL", "FL", "AT" -> 4;
          default -> 8;
        };
    return DicomElement.ofValue(e.tag(), vr, new byte[zeros]);
  }

  /**
   * De-identifies one file or every DICOM file under a folder into {@code outDir}, each named by
   * its new SOP Instance UID (original file names may carry identity). Files that are not DICOM or
   * are damaged are refused and listed; the rest are written.
   */
  public Export export(Path input, Path outDir) throws DicomException {
    List<Path> files;
    if (Files.isDirectory(input)) {
      try (Stream<Path> s = Files.walk(input)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        throw new DicomException(input, "cannot list folder (" + e.getMessage() + ")", e);
      }
    } else if (Files.isRegularFile(input)) {
      files = List.of(input);
    } else {
      throw new DicomException(input, "no such file or folder");
    }
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new DicomException(outDir, "cannot create output folder (" + e.getMessage() + ")", e);
    }
    List<Path> written = new ArrayList<>();
    List<DicomException> refused = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path f : files) {
      try {
        DicomFile src = DicomParser.parse(f);
        DicomDataset out = deidentify(src.dataset());
        if ("YES".equalsIgnoreCase(src.dataset().getString(0x00280301, ""))) {
          warnings.add(
              f
                  + ": Burned In Annotation is YES; text in the pixels is not removed, check the"
                  + " images before sharing");
        }
        String name = out.getString(Tag.SOP_INSTANCE_UID).orElse(replaceUid(f.toString()));
        TransferSyntax ts = src.transferSyntax();
        Path target = outDir.resolve(name + ".dcm");
        for (int copy = 2; written.contains(target); copy++) {
          target = outDir.resolve(name + "_" + copy + ".dcm");
        }
        if (!target.getFileName().toString().equals(name + ".dcm")) {
          warnings.add(
              f
                  + ": same SOP Instance UID as a file already exported; written as "
                  + target.getFileName()
                  + " so that neither copy is lost");
        }
        DicomWriter.write(target, src.meta(), out, ts);
        written.add(target);
      } catch (DicomException e) {
        refused.add(e);
      }
    }
    if (!Files.isDirectory(input) && !refused.isEmpty()) {
      throw refused.get(0);
    }
    return new Export(List.copyOf(written), List.copyOf(refused), List.copyOf(warnings));
  }
}
