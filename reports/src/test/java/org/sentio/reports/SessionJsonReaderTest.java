package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.sentio.affect.pipeline.SessionResult;

class SessionJsonReaderTest {
  @Test
  void readsBackEveryFieldItWrote() {
    SessionResult original = SampleSession.result(true);
    ObjectNode written = SessionJson.toTree(7, original);

    SessionResult read = SessionJsonReader.read(written);

    assertThat(SessionJson.toTree(7, read)).isEqualTo(written);
    assertThat(read.expertLoad()).isEqualTo(original.expertLoad());
    assertThat(read.faceTracks()).isEqualTo(original.faceTracks());
  }

  @Test
  void readsATextOnlySession() {
    ObjectNode written = SessionJson.toTree(1, SampleSession.textOnly());

    assertThat(SessionJson.toTree(1, SessionJsonReader.read(written))).isEqualTo(written);
  }

  @Test
  void refusesADocumentOfAnotherSchema() {
    ObjectNode other = SessionJson.toTree(1, SampleSession.textOnly()).put("schema", "other/2");

    assertThatThrownBy(() -> SessionJsonReader.read(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a sentio-session/1 session");
  }
}
