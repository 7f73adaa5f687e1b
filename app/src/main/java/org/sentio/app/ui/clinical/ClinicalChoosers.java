package org.sentio.app.ui.clinical;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.sentio.app.ui.I18n;

/**
 * Where the clinical page asks the user for files and folders; each answer is a path or null when
 * the user cancelled. Tests give paths directly; the desktop shows the system's choosers.
 */
public interface ClinicalChoosers {

  /** A DICOM folder to open. */
  Path study(Window owner);

  /** An audio file holding the patient's voice note. */
  Path voiceNote(Window owner);

  /** The voice note's transcript (SRT, WebVTT or text); null for none. */
  Path transcript(Window owner);

  /** An installed imaging-model folder: model.onnx and its manifest.json. */
  Path imagingModel(Window owner);

  /** A folder for the de-identified DICOM copy. */
  Path exportFolder(Window owner);

  /** A file for the triage card: .pdf or .html. */
  Path cardFile(Window owner);

  /** The system's file and folder choosers, titled in the UI's language. */
  static ClinicalChoosers system(I18n i18n) {
    return new ClinicalChoosers() {
      @Override
      public Path study(Window owner) {
        return folder(owner, i18n.get("clinical.open.title"));
      }

      @Override
      public Path voiceNote(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("clinical.voice.import.title"));
        chooser
            .getExtensionFilters()
            .addAll(
                new FileChooser.ExtensionFilter(
                    i18n.get("clinical.voice.filter.audio"),
                    "*.wav",
                    "*.flac",
                    "*.mp3",
                    "*.m4a",
                    "*.aac",
                    "*.ogg",
                    "*.opus",
                    "*.webm",
                    "*.mp4",
                    "*.mkv"),
                new FileChooser.ExtensionFilter(i18n.get("clinical.filter.all"), "*.*"));
        return path(chooser.showOpenDialog(owner));
      }

      @Override
      public Path transcript(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("clinical.voice.transcript.title"));
        chooser
            .getExtensionFilters()
            .addAll(
                new FileChooser.ExtensionFilter(
                    i18n.get("clinical.voice.filter.transcript"), "*.srt", "*.vtt", "*.txt"),
                new FileChooser.ExtensionFilter(i18n.get("clinical.filter.all"), "*.*"));
        return path(chooser.showOpenDialog(owner));
      }

      @Override
      public Path imagingModel(Window owner) {
        return folder(owner, i18n.get("clinical.imaging.choose.title"));
      }

      @Override
      public Path exportFolder(Window owner) {
        return folder(owner, i18n.get("clinical.export.dicom.title"));
      }

      @Override
      public Path cardFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("clinical.export.card.title"));
        chooser.setInitialFileName("triage-card.pdf");
        chooser
            .getExtensionFilters()
            .addAll(
                new FileChooser.ExtensionFilter("PDF", "*.pdf"),
                new FileChooser.ExtensionFilter("HTML", "*.html", "*.htm"));
        return path(chooser.showSaveDialog(owner));
      }

      private Path folder(Window owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return path(chooser.showDialog(owner));
      }

      private Path path(File file) {
        return file == null ? null : file.toPath();
      }
    };
  }
}
