/**
 * DICOM in: a small Part-10 parser of our own (preamble, meta header, explicit and implicit VR,
 * little and big endian, deflate), pixel decoding (native, RLE and JPEG-LS by hand, JPEG and JPEG
 * 2000 through ImageIO plug-ins), series assembly into rescaled values (Hounsfield units for CT),
 * and PS3.15 Basic Profile de-identification with a Part-10 writer. See
 * docs/decisions/0003-dicom-reading.md.
 */
package org.sentio.capture.dicom;
