package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/**
 * The speech contract in the exports: speakers, the transcript's source, each entry's speaker,
 * source, confidence and words, each window's speakers (JSON, valid against the schema), and the
 * words CSV beside the window CSV of a recognised session.
 */
class SpeechExportTest {
  @TempDir Path out;

  /** The sample session with its first utterance recognised and said by S1, the customer. */
  static SessionResult recognised() {
    SessionResult r = SampleSession.result();
    Utterance first = r.transcript().get(0);
    Utterance heard =
        new Utterance(
            first.startSeconds(),
            first.endSeconds(),
            "well, \"no\" refund",
            first.affect(),
            "S1",
            TranscriptSource.ASR,
            0.8,
            List.of(
                new RecognizedWord("well", first.startSeconds(), first.startSeconds() + 0.2, 0.9),
                new RecognizedWord(
                    "no", first.startSeconds() + 0.2, first.startSeconds() + 0.3, 0.6)),
            "well no fun");
    List<Utterance> transcript =
        new java.util.ArrayList<>(r.transcript().subList(1, r.transcript().size()));
    transcript.add(0, heard);
    return r.toBuilder()
        .transcript(transcript)
        .speakers(List.of(new Speaker("S1", SpeakerRole.CUSTOMER, null, null)))
        .transcriptOrigin(TranscriptOrigin.asr("asr-en", "0.3.45", "en"))
        .build();
  }

  @Test
  void theJsonCarriesSpeakersSourcesWordsAndWindowSpeakersAndIsValid() throws Exception {
    SessionResult session = recognised();
    JsonNode json = SessionJson.toTree(3, session);

    assertThat(ExportRoundTripTest.validate(json)).isEmpty();
    assertThat(json.get("transcriptSource").get("source").asText()).isEqualTo("asr");
    assertThat(json.get("transcriptSource").get("model").asText()).isEqualTo("asr-en");
    assertThat(json.get("transcriptSource").get("version").asText()).isEqualTo("0.3.45");
    JsonNode speaker = json.get("speakers").get(0);
    assertThat(speaker.get("id").asText()).isEqualTo("S1");
    assertThat(speaker.get("role").asText()).isEqualTo("customer");
    assertThat(speaker.get("channel").isNull()).isTrue();
    assertThat(speaker.get("faceTrack").isNull()).isTrue();
    JsonNode entry = json.get("transcript").get(0);
    assertThat(entry.get("speaker").asText()).isEqualTo("S1");
    assertThat(entry.get("source").asText()).isEqualTo("asr");
    assertThat(entry.get("confidence").asDouble()).isEqualTo(0.8);
    assertThat(entry.get("originalText").asText()).isEqualTo("well no fun");
    assertThat(entry.get("words")).hasSize(2);
    assertThat(entry.get("words").get(1).get("text").asText()).isEqualTo("no");
    assertThat(entry.get("words").get(1).get("confidence").asDouble()).isEqualTo(0.6);
    JsonNode given = json.get("transcript").get(1);
    assertThat(given.get("source").asText()).isEqualTo("file");
    assertThat(given.get("speaker").isNull()).isTrue();
    assertThat(given.get("confidence").isNull()).isTrue();
    assertThat(given.get("words")).isEmpty();
    Utterance heard = session.transcript().get(0);
    for (int k = 0; k < session.windows().size(); k++) {
      AffectWindow w = session.windows().get(k);
      boolean overlaps =
          Math.min(w.endSeconds(), heard.endSeconds())
              > Math.max(w.startSeconds(), heard.startSeconds());
      JsonNode speakers = json.get("windows").get(k).get("speakers");
      assertThat(speakers).as("window " + k).hasSize(overlaps ? 1 : 0);
    }
  }

  @Test
  void aSessionWithAGivenTranscriptSaysItCameFromAFile() throws Exception {
    JsonNode json = SessionJson.toTree(4, SampleSession.result());

    assertThat(ExportRoundTripTest.validate(json)).isEmpty();
    assertThat(json.get("transcriptSource").get("source").asText()).isEqualTo("file");
    assertThat(json.get("transcriptSource").get("model").isNull()).isTrue();
    assertThat(json.get("speakers")).isEmpty();
  }

  @Test
  void aRecognisedSessionGetsAWordsCsvBesideTheWindowCsv() throws Exception {
    SessionResult session = recognised();

    List<Path> written = Reports.write(5, session, EnumSet.of(Format.CSV), out);

    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            Reports.baseName(5, session.title()) + ".csv",
            Reports.baseName(5, session.title()) + "-transcript.csv");
    List<String> lines = Files.readAllLines(written.get(1));
    assertThat(lines.get(0)).isEqualTo(String.join(",", TranscriptCsv.columns()));
    assertThat(lines.get(1))
        .isEqualTo(
            "0,"
                + String.format(
                    java.util.Locale.ROOT, "%.6f", session.transcript().get(0).startSeconds())
                + ","
                + String.format(
                    java.util.Locale.ROOT, "%.6f", session.transcript().get(0).endSeconds())
                + ",S1,asr,0.800000,\"well, \"\"no\"\" refund\",well no fun,well,"
                + String.format(
                    java.util.Locale.ROOT, "%.6f", session.transcript().get(0).startSeconds())
                + ","
                + String.format(
                    java.util.Locale.ROOT, "%.6f", session.transcript().get(0).startSeconds() + 0.2)
                + ",0.900000");
    assertThat(lines).hasSize(1 + 2 + session.transcript().size() - 1);
    assertThat(Reports.write(6, SampleSession.result(), EnumSet.of(Format.CSV), out))
        .as("a given transcript needs no words file")
        .hasSize(1);
  }

  @Test
  void theSchemaStillAcceptsAVersionOneFileWithoutTheSpeechFields() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode json =
        SessionJson.toTree(7, SampleSession.result());
    json.remove("speakers");
    json.remove("transcriptSource");
    for (JsonNode entry : json.get("transcript")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) entry)
          .remove(List.of("speaker", "source", "confidence", "words", "originalText"));
    }
    for (JsonNode window : json.get("windows")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) window).remove("speakers");
    }

    assertThat(ExportRoundTripTest.validate(new ObjectMapper().readTree(json.toString())))
        .isEmpty();
  }
}
