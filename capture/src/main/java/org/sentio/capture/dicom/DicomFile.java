package org.sentio.capture.dicom;

import java.nio.file.Path;

/**
 * A parsed Part-10 file (or a bare dataset without meta header).
 *
 * @param path where it was read from
 * @param meta the file meta information (group 0002), empty when the file had none
 * @param dataset the main dataset
 * @param transferSyntax the syntax the dataset was encoded in
 * @param hadPreamble whether the file started with the 128-byte preamble and "DICM"
 */
public record DicomFile(
    Path path,
    DicomDataset meta,
    DicomDataset dataset,
    TransferSyntax transferSyntax,
    boolean hadPreamble) {}
