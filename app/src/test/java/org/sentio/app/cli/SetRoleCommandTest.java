package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SpeechSessions;

/**
 * {@code sentio sessions set-role} on a real store: the role changes and shows in {@code sessions
 * show}; an unknown session, speaker or role is one line, exit 2, and nothing changes.
 */
class SetRoleCommandTest {
  @TempDir Path data;
  private long twoSpeakers;
  private long noSpeakers;

  @BeforeEach
  void store() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      twoSpeakers = store.sessions().save(SpeechSessions.twoSpeakers("call", 12));
      noSpeakers = store.sessions().save(SampleSessions.sample("interview", 4));
    }
  }

  private EvaluateCommandTest.Run run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = data.toString();
    return EvaluateCommandTest.run(all);
  }

  private java.util.List<SpeakerRole> roles() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().load(twoSpeakers).orElseThrow().result().speakers().stream()
          .map(Speaker::role)
          .toList();
    }
  }

  @Test
  void theFirstSpeakerBecomesTheCustomerAndSessionsShowSaysSo() throws Exception {
    EvaluateCommandTest.Run run =
        run("sessions", "set-role", String.valueOf(twoSpeakers), "S1", "customer");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip())
        .isEqualTo("Session " + twoSpeakers + ": speaker S1 is now the customer.");
    assertThat(roles()).containsExactly(SpeakerRole.CUSTOMER, SpeakerRole.CUSTOMER);
    EvaluateCommandTest.Run show = run("sessions", "show", String.valueOf(twoSpeakers));
    assertThat(show.out()).contains("S1 customer").doesNotContain("S1 agent");

    assertThat(run("sessions", "set-role", String.valueOf(twoSpeakers), "S2", "Agent").exit())
        .isZero();
    assertThat(roles()).containsExactly(SpeakerRole.CUSTOMER, SpeakerRole.AGENT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "999 | S1 | customer | no session with id 999 (see sentio sessions list)",
        "CALL | S3 | customer | session CALL has no speaker \"S3\"; its speakers are S1, S2",
        "CALL | S1 | boss | role \"boss\": say agent or customer",
        "PLAIN | S1 | customer | session PLAIN has no speakers",
      })
  void badInputIsOneLineExitTwoAndNothingChanges(
      String session, String speaker, String role, String message) throws Exception {
    String id =
        session
            .replace("CALL", String.valueOf(twoSpeakers))
            .replace("PLAIN", String.valueOf(noSpeakers));
    EvaluateCommandTest.Run run = run("sessions", "set-role", id, speaker, role);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            message
                .replace("CALL", String.valueOf(twoSpeakers))
                .replace("PLAIN", String.valueOf(noSpeakers)));
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
    assertThat(roles()).containsExactly(SpeakerRole.AGENT, SpeakerRole.CUSTOMER);
  }

  @Test
  void aMissingArgumentIsRefusedWithExitTwo() throws Exception {
    EvaluateCommandTest.Run run = run("sessions", "set-role", String.valueOf(twoSpeakers), "S1");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("ROLE");
    assertThat(roles()).containsExactly(SpeakerRole.AGENT, SpeakerRole.CUSTOMER);
  }
}
