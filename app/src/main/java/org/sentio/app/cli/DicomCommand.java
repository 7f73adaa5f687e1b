package org.sentio.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sentio.capture.dicom.Deidentifier;
import org.sentio.capture.dicom.DicomException;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSeries;
import org.sentio.capture.dicom.DicomSlice;
import org.sentio.capture.dicom.ImageInfo;
import org.sentio.capture.dicom.PatientIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio dicom info|deidentify}. */
@Command(
    name = "dicom",
    mixinStandardHelpOptions = true,
    description = "DICOM studies: a readable summary, or a de-identified copy.",
    subcommands = {DicomCommand.Info.class, DicomCommand.Deidentify.class})
public final class DicomCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError("dicom: say info or deidentify (see sentio dicom --help)");
  }

  /** {@code sentio dicom info PATH}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description =
          "Summarise a DICOM file or folder: series, size, spacing, transfer syntax, value range."
              + " Patient identity is masked unless --show-identity is given.")
  static final class Info implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "A DICOM file or a folder of them.")
    Path path;

    @Option(names = "--show-identity", description = "Show patient name, ID and birth date.")
    boolean showIdentity;

    @Override
    public Integer call() throws UserError {
      if (!Files.exists(path)) {
        throw new UserError(path + ": no such file or folder");
      }
      DicomReader.FolderResult result;
      try {
        result = DicomReader.read(path);
      } catch (DicomException e) {
        throw new UserError(e.getMessage(), e);
      }
      if (result.series().isEmpty()) {
        String why =
            result.refused().isEmpty()
                ? "no files"
                : result.refused().size()
                    + " file(s) refused, first: "
                    + result.refused().get(0).getMessage();
        throw new UserError(path + ": no DICOM image found (" + why + ")");
      }
      System.out.println(
          path
              + ": "
              + result.series().size()
              + " series"
              + (showIdentity ? "" : " (identity masked)"));
      for (DicomSeries s : result.series()) {
        print(s);
      }
      for (DicomException e : result.refused()) {
        System.out.println("  refused: " + e.getMessage());
      }
      return 0;
    }

    private void print(DicomSeries s) {
      ImageInfo i = s.info();
      PatientIdentity id = showIdentity ? s.identity() : s.identity().masked();
      System.out.printf(
          Locale.ROOT,
          "Series %s  %s%s%n",
          i.seriesNumber(),
          i.modality().isEmpty() ? "?" : i.modality(),
          i.seriesDescription().isEmpty() ? "" : "  " + i.seriesDescription());
      line("Patient", join(id.name(), id.id(), id.birthDate(), id.sex()));
      line("Study", join(i.studyDate(), i.studyDescription()));
      line(
          "Images",
          String.format(
              Locale.ROOT,
              "%d slice(s), %d × %d, %s, %d bits stored%s",
              s.size(),
              i.columns(),
              i.rows(),
              i.colour() ? "colour (" + i.photometric() + ")" : i.photometric(),
              i.bitsStored(),
              i.signed() ? " signed" : ""));
      if (i.pixelSpacing().length == 2) {
        line(
            "Spacing",
            String.format(
                Locale.ROOT,
                "%.3f × %.3f mm%s",
                i.pixelSpacing()[1],
                i.pixelSpacing()[0],
                Double.isNaN(i.sliceThickness())
                    ? ""
                    : String.format(Locale.ROOT, ", slice %.2f mm", i.sliceThickness())));
      }
      line("Transfer syntax", i.transferSyntax().describe());
      if (!i.colour()) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (DicomSlice slice : s.slices()) {
          for (float v : slice.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        line(
            "Rescale",
            String.format(
                Locale.ROOT,
                "slope %s, intercept %s → %s %s to %s",
                num(i.rescaleSlope()),
                num(i.rescaleIntercept()),
                i.hounsfield() ? "HU" : "values",
                num(min),
                num(max)));
        if (!Double.isNaN(i.windowCenter())) {
          line("Window", "centre " + num(i.windowCenter()) + ", width " + num(i.windowWidth()));
        }
      }
    }

    private static String num(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String join(String... parts) {
      StringBuilder sb = new StringBuilder();
      for (String p : parts) {
        if (!p.isEmpty()) {
          sb.append(sb.length() == 0 ? "" : ", ").append(p);
        }
      }
      return sb.length() == 0 ? "—" : sb.toString();
    }

    private static void line(String label, String value) {
      System.out.printf("  %-16s %s%n", label, value);
    }
  }

  /** {@code sentio dicom deidentify PATH --out DIR}. */
  @Command(
      name = "deidentify",
      mixinStandardHelpOptions = true,
      description =
          "Write a de-identified copy (DICOM PS3.15 Basic Application Confidentiality Profile) of a"
              + " file or folder; UIDs are replaced consistently within one run, pixels are kept.")
  static final class Deidentify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "A DICOM file or a folder of them.")
    Path path;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Folder for the de-identified files (created if missing).")
    Path out;

    @Override
    public Integer call() throws UserError {
      if (!Files.exists(path)) {
        throw new UserError(path + ": no such file or folder");
      }
      Deidentifier.Export export;
      try {
        export = new Deidentifier().export(path, out);
      } catch (DicomException e) {
        throw new UserError(e.getMessage(), e);
      }
      for (Path p : export.written()) {
        System.out.println("wrote " + p);
      }
      for (DicomException e : export.refused()) {
        System.out.println("refused: " + e.getMessage());
      }
      for (String w : export.warnings()) {
        System.out.println("warning: " + w);
      }
      if (export.written().isEmpty()) {
        throw new UserError(path + ": no DICOM file to de-identify");
      }
      System.out.println(
          export.written().size()
              + " file(s) de-identified into "
              + out
              + "; Patient Identity Removed = YES");
      return 0;
    }
  }
}
