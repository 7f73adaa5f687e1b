package org.sentio.app.ui.clinical;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sentio.affect.triage.TriageCard;
import org.sentio.app.ui.I18n;
import org.sentio.capture.dicom.Deidentifier;
import org.sentio.capture.dicom.DicomException;
import org.sentio.reports.TriageCardReport;

/**
 * The clinical page's exports: a de-identified copy of the open study (as {@code sentio dicom
 * deidentify}) and the triage card as PDF or HTML (through {@code reports/}, disclaimer included,
 * no patient identity). Both run on the calling thread and answer bad destinations with a {@link
 * ClinicalException} before writing anything.
 */
final class ClinicalExports {

  private ClinicalExports() {}

  /**
   * Writes a PS3.15 de-identified copy of {@code study} (a file or folder) into {@code folder}.
   *
   * @throws ClinicalException when the folder is inside the study (the source is never written to),
   *     cannot be created or written, or the study cannot be read
   */
  static Deidentifier.Export deidentify(Path study, Path folder, I18n i18n)
      throws ClinicalException {
    Path absolute = study.toAbsolutePath().normalize();
    Path source = Files.isDirectory(absolute) ? absolute : absolute.getParent();
    Path target = folder.toAbsolutePath().normalize();
    if (target.startsWith(source)) {
      throw new ClinicalException(i18n.get("clinical.export.insideSource", folder, source), null);
    }
    writableFolder(folder, i18n);
    try {
      return new Deidentifier().export(study, folder);
    } catch (DicomException e) {
      throw new ClinicalException(i18n.get("clinical.export.failed", e.getMessage()), e);
    }
  }

  /**
   * Writes the card to {@code file}: HTML for a name ending in .html or .htm, else PDF (".pdf" is
   * added when the name lacks it).
   *
   * @return the file written
   */
  static Path writeCard(TriageCard card, Locale locale, Path file, I18n i18n)
      throws ClinicalException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean html = name.endsWith(".html") || name.endsWith(".htm");
    Path target =
        html || name.endsWith(".pdf") ? file : file.resolveSibling(file.getFileName() + ".pdf");
    Path parent = target.toAbsolutePath().getParent();
    writableFolder(parent, i18n);
    try (OutputStream out = Files.newOutputStream(target)) {
      if (html) {
        out.write(TriageCardReport.html(card, locale).getBytes(StandardCharsets.UTF_8));
      } else {
        TriageCardReport.pdf(card, locale, out);
      }
    } catch (IOException e) {
      throw new ClinicalException(
          i18n.get("clinical.export.notWritable", target, e.getMessage()), e);
    }
    return target;
  }

  private static void writableFolder(Path folder, I18n i18n) throws ClinicalException {
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw new ClinicalException(
          i18n.get(
              "clinical.export.notWritable",
              folder,
              i18n.get("clinical.export.fileInTheWay", e.getFile())),
          e);
    } catch (IOException e) {
      throw new ClinicalException(
          i18n.get("clinical.export.notWritable", folder, String.valueOf(e.getMessage())), e);
    }
    if (!Files.isWritable(folder)) {
      throw new ClinicalException(
          i18n.get("clinical.export.notWritable", folder, i18n.get("clinical.export.readOnly")),
          null);
    }
  }
}
