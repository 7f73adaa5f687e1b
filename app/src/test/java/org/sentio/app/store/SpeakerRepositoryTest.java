package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;

/**
 * Changing a speaker's role in a real SQLite store; unknown sessions and speakers change nothing.
 */
class SpeakerRepositoryTest {
  @TempDir Path data;

  @Test
  void aChangedRoleIsKeptAcrossReopeningAndTheOtherSpeakerKeepsItsOwn() throws Exception {
    long id;
    try (SessionStore store = SessionStore.open(data);
        SpeakerRepository speakers = SpeakerRepository.open(store)) {
      id = store.sessions().save(SpeechStoreTest.recognised("call"));
      assertThat(speakers.setRole(id, "S1", SpeakerRole.CUSTOMER))
          .isEqualTo(SpeakerRepository.RoleChange.CHANGED);
      assertThat(speakers.setRole(id, "S2", SpeakerRole.AGENT))
          .isEqualTo(SpeakerRepository.RoleChange.CHANGED);
    }
    try (SessionStore store = SessionStore.open(data);
        SpeakerRepository speakers = SpeakerRepository.open(store)) {
      assertThat(speakers.speakers(id))
          .containsExactly(
              new Speaker("S1", SpeakerRole.CUSTOMER, 0, null),
              new Speaker("S2", SpeakerRole.AGENT, 1, 2));
      assertThat(store.sessions().load(id).orElseThrow().result().speakers())
          .isEqualTo(speakers.speakers(id));
    }
  }

  @Test
  void anUnknownSessionOrSpeakerIsSaidAndNothingChanges() throws Exception {
    try (SessionStore store = SessionStore.open(data);
        SpeakerRepository speakers = SpeakerRepository.open(store)) {
      long id = store.sessions().save(SpeechStoreTest.recognised("call"));
      long other = store.sessions().save(SpeechStoreTest.recognised("other call"));

      assertThat(speakers.setRole(id + 100, "S1", SpeakerRole.CUSTOMER))
          .isEqualTo(SpeakerRepository.RoleChange.NO_SESSION);
      assertThat(speakers.setRole(id, "S3", SpeakerRole.CUSTOMER))
          .isEqualTo(SpeakerRepository.RoleChange.NO_SPEAKER);
      assertThat(speakers.setRole(id, "s1", SpeakerRole.CUSTOMER))
          .as("ids are exact")
          .isEqualTo(SpeakerRepository.RoleChange.NO_SPEAKER);
      assertThat(speakers.setRole(other, "S1", SpeakerRole.CUSTOMER))
          .isEqualTo(SpeakerRepository.RoleChange.CHANGED);

      assertThat(speakers.speakers(id))
          .extracting(Speaker::role)
          .containsExactly(SpeakerRole.AGENT, SpeakerRole.CUSTOMER);
      assertThat(speakers.speakers(id + 100)).isEmpty();
    }
  }
}
