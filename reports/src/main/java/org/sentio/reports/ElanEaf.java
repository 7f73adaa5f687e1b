package org.sentio.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.Utterance;

/**
 * An ELAN annotation document (EAF 3.0) of a session (docs/session-eaf.md): one time-aligned tier
 * per modality ({@code face}, {@code voice}, {@code text}), one for the fused reading ({@code
 * fused}) and one with the transcript ({@code transcript}). Each window annotates the span from its
 * start to the next window's start (annotations on a tier must not overlap) with the most likely
 * emotion, or {@code arousal +0.32} where the modality tells arousal only; absent windows leave a
 * gap.
 */
public final class ElanEaf {
  /** The tier of the fused reading. */
  public static final String FUSED_TIER = "fused";

  /** The tier of the transcript. */
  public static final String TRANSCRIPT_TIER = "transcript";

  /** One annotation: a span in milliseconds and its value. */
  public record Annotation(String tier, long startMillis, long endMillis, String value) {}

  private ElanEaf() {}

  /** Every annotation the document of {@code result} holds, tier by tier, in time order. */
  public static List<Annotation> annotations(SessionResult result) {
    List<Annotation> out = new ArrayList<>();
    List<AffectWindow> windows = result.windows();
    for (Modality m : Modality.values()) {
      for (int i = 0; i < windows.size(); i++) {
        AffectEstimate e = windows.get(i).estimate(m);
        String value = value(e);
        if (value != null) {
          out.add(span(m.label(), windows, i, value));
        }
      }
    }
    for (int i = 0; i < windows.size(); i++) {
      FusedEstimate f = windows.get(i).fused();
      String value =
          f.hasEmotions()
              ? f.emotions().top().label()
              : (Double.isNaN(f.arousal()) ? null : "arousal " + signed(f.arousal()));
      if (value != null) {
        out.add(span(FUSED_TIER, windows, i, value));
      }
    }
    long lastEnd = Long.MIN_VALUE;
    for (Utterance u : result.transcript()) {
      long start = Math.max(ms(u.startSeconds()), lastEnd);
      long end = ms(u.endSeconds());
      if (end > start && !u.text().isBlank()) {
        out.add(new Annotation(TRANSCRIPT_TIER, start, end, u.text().strip()));
        lastEnd = end;
      }
    }
    for (Speaker speaker : result.speakers()) {
      List<SpeakerReading> readings = result.readingsOf(speaker.id());
      for (SpeakerReading r : readings) {
        FusedEstimate f = r.fused();
        int i = r.windowIndex();
        if (f.hasEmotions() && r.heard() && i < windows.size()) {
          out.add(span(FUSED_TIER + " " + speaker.id(), windows, i, f.emotions().top().label()));
        }
      }
      long speakerEnd = Long.MIN_VALUE;
      for (Utterance u : result.transcript()) {
        long start = Math.max(ms(u.startSeconds()), speakerEnd);
        long end = ms(u.endSeconds());
        if (speaker.id().equals(u.speaker()) && end > start && !u.text().isBlank()) {
          out.add(
              new Annotation(TRANSCRIPT_TIER + " " + speaker.id(), start, end, u.text().strip()));
          speakerEnd = end;
        }
      }
    }
    return out;
  }

  /**
   * The tiers of {@code result}'s document: {@link #tiers()}, then per speaker {@code fused S1}
   * (the speaker's own fused reading, in windows where they were heard) and {@code transcript S1}
   * (what they said).
   */
  public static List<String> tiers(SessionResult result) {
    List<String> tiers = tiers();
    for (Speaker speaker : result.speakers()) {
      tiers.add(FUSED_TIER + " " + speaker.id());
      tiers.add(TRANSCRIPT_TIER + " " + speaker.id());
    }
    return tiers;
  }

  /** The names of the tiers, in document order. */
  public static List<String> tiers() {
    List<String> tiers = new ArrayList<>();
    for (Modality m : Modality.values()) {
      tiers.add(m.label());
    }
    tiers.add(FUSED_TIER);
    tiers.add(TRANSCRIPT_TIER);
    return tiers;
  }

  /** Writes the document (UTF-8) to {@code out} (left open). */
  public static void write(SessionResult result, OutputStream out) throws IOException {
    List<Annotation> annotations = annotations(result);
    Map<Long, String> slots = new TreeMap<>();
    for (Annotation a : annotations) {
      slots.put(a.startMillis(), null);
      slots.put(a.endMillis(), null);
    }
    int n = 1;
    for (Map.Entry<Long, String> slot : slots.entrySet()) {
      slot.setValue("ts" + n++);
    }
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("ANNOTATION_DOCUMENT");
      x.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
      x.writeAttribute(
          "http://www.w3.org/2001/XMLSchema-instance",
          "noNamespaceSchemaLocation",
          "http://www.mpi.nl/tools/elan/EAFv3.0.xsd");
      x.writeAttribute("AUTHOR", "Sentio");
      x.writeAttribute(
          "DATE",
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
              result.createdAt().atOffset(ZoneOffset.UTC).withNano(0)));
      x.writeAttribute("FORMAT", "3.0");
      x.writeAttribute("VERSION", "3.0");
      nl(x, 1);
      x.writeStartElement("HEADER");
      x.writeAttribute("MEDIA_FILE", "");
      x.writeAttribute("TIME_UNITS", "milliseconds");
      MediaSummary media = result.media();
      if (media != null) {
        nl(x, 2);
        x.writeEmptyElement("MEDIA_DESCRIPTOR");
        x.writeAttribute("MEDIA_URL", Path.of(media.path()).toAbsolutePath().toUri().toString());
        x.writeAttribute("MIME_TYPE", mimeType(media));
      }
      nl(x, 2);
      x.writeStartElement("PROPERTY");
      x.writeAttribute("NAME", "lastUsedAnnotationId");
      x.writeCharacters(Integer.toString(annotations.size()));
      x.writeEndElement();
      nl(x, 1);
      x.writeEndElement();
      nl(x, 1);
      x.writeStartElement("TIME_ORDER");
      for (Map.Entry<Long, String> slot : slots.entrySet()) {
        nl(x, 2);
        x.writeEmptyElement("TIME_SLOT");
        x.writeAttribute("TIME_SLOT_ID", slot.getValue());
        x.writeAttribute("TIME_VALUE", Long.toString(slot.getKey()));
      }
      nl(x, 1);
      x.writeEndElement();
      int id = 1;
      for (String tier : tiers(result)) {
        nl(x, 1);
        x.writeStartElement("TIER");
        x.writeAttribute(
            "LINGUISTIC_TYPE_REF", tier.startsWith(TRANSCRIPT_TIER) ? "utterance" : "affect");
        x.writeAttribute("TIER_ID", tier);
        for (Annotation a : annotations) {
          if (!a.tier().equals(tier)) {
            continue;
          }
          nl(x, 2);
          x.writeStartElement("ANNOTATION");
          x.writeStartElement("ALIGNABLE_ANNOTATION");
          x.writeAttribute("ANNOTATION_ID", "a" + id++);
          x.writeAttribute("TIME_SLOT_REF1", slots.get(a.startMillis()));
          x.writeAttribute("TIME_SLOT_REF2", slots.get(a.endMillis()));
          x.writeStartElement("ANNOTATION_VALUE");
          x.writeCharacters(a.value());
          x.writeEndElement();
          x.writeEndElement();
          x.writeEndElement();
        }
        nl(x, 1);
        x.writeEndElement();
      }
      for (String type : List.of("affect", "utterance")) {
        nl(x, 1);
        x.writeEmptyElement("LINGUISTIC_TYPE");
        x.writeAttribute("GRAPHIC_REFERENCES", "false");
        x.writeAttribute("LINGUISTIC_TYPE_ID", type);
        x.writeAttribute("TIME_ALIGNABLE", "true");
      }
      constraint(
          x,
          "Time_Subdivision",
          "Time subdivision of parent annotation's time interval,"
              + " no time gaps allowed within this interval");
      constraint(
          x,
          "Symbolic_Subdivision",
          "Symbolic subdivision of a parent annotation."
              + " Annotations refering to the same parent are ordered");
      constraint(x, "Symbolic_Association", "1-1 association with a parent annotation");
      constraint(
          x,
          "Included_In",
          "Time alignable annotations within the parent annotation's"
              + " time interval, gaps are allowed");
      nl(x, 0);
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the ELAN document: " + e.getMessage(), e);
    }
  }

  private static void constraint(XMLStreamWriter x, String stereotype, String description)
      throws XMLStreamException {
    nl(x, 1);
    x.writeEmptyElement("CONSTRAINT");
    x.writeAttribute("DESCRIPTION", description);
    x.writeAttribute("STEREOTYPE", stereotype);
  }

  private static Annotation span(String tier, List<AffectWindow> windows, int i, String value) {
    return new Annotation(
        tier, ms(windows.get(i).startSeconds()), ms(EmotionVtt.spanEnd(windows, i)), value);
  }

  private static String value(AffectEstimate e) {
    if (!e.isPresent()) {
      return null;
    }
    if (e.hasEmotions()) {
      return e.emotions().top().label();
    }
    if (e.hasArousal()) {
      return "arousal " + signed(e.arousal());
    }
    return "valence " + signed(e.valence());
  }

  static String mimeType(MediaSummary media) {
    String name = media.path().toLowerCase(Locale.ROOT);
    if (name.endsWith(".wav")) {
      return "audio/x-wav";
    }
    if (name.endsWith(".mp3")) {
      return "audio/mpeg";
    }
    if (name.endsWith(".mp4") || name.endsWith(".m4v")) {
      return "video/mp4";
    }
    if (name.endsWith(".mpg") || name.endsWith(".mpeg")) {
      return "video/mpeg";
    }
    return media.hasVideo() ? "video/*" : "audio/*";
  }

  private static long ms(double seconds) {
    return Math.round(seconds * 1000);
  }

  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.2f", value);
  }

  private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
    x.writeCharacters("\n" + "    ".repeat(depth));
  }
}
