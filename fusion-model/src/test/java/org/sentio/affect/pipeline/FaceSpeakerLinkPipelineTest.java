package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.train.ShippedModels;

/**
 * Face-to-speaker linking inside the whole analysis of the demo recording, whose video is a still
 * photograph (resources/demo/README.md) and whose words are recognised: the face is tracked and its
 * mouth measured in every analysed frame, but it does not move, so no speaker is linked to it and
 * the session says exactly that.
 */
class FaceSpeakerLinkPipelineTest {
  private static Analyzers analyzers;

  @BeforeAll
  static void open() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  @Test
  void theStillFaceOfTheDemoIsNotLinkedBecauseItsMouthDoesNotMove() throws Exception {
    Path demo = ShippedModels.root().resolve("resources/demo/demo.mp4");

    SessionResult result =
        new AnalysisPipeline(analyzers)
            .analyse(
                new AnalysisRequest(
                    demo, null, null, "demo", AnalysisOptions.DEFAULT, true, "en", 1),
                ProgressListener.NONE,
                () -> false);

    assertThat(result.trackIds()).isNotEmpty();
    assertThat(result.speakers()).isNotEmpty();
    for (Speaker speaker : result.speakers()) {
      assertThat(speaker.faceTrack()).as(speaker.id()).isNull();
      assertThat(speaker.faceTrackNote())
          .as(speaker.id())
          .startsWith(
              "not linked: the faces do not move their mouths (the mouth opening of the"
                  + " one face varies by at most 0.0");
    }
    // no face linked: each speaker's readings say so, and their fusion has no face
    assertThat(result.speakerReadings()).isNotEmpty();
    for (SpeakerReading reading : result.speakerReadings()) {
      assertThat(reading.face().isPresent()).isFalse();
      assertThat(reading.face().absenceDetail()).isEqualTo(AbsenceDetail.NO_FACE_LINKED.text());
      assertThat(reading.fused().modalityWeights().getOrDefault(Modality.FACE, 0.0)).isZero();
    }
    // a speaker linked to the demo's real face track reads that track's face where it was seen
    int track = result.trackIds().get(0);
    Speaker linked = result.speakers().get(0).withFace(track, "linked: by hand");
    int seen = 0;
    for (AffectWindow w : result.windows()) {
      List<TrackReading> here =
          result.faceTracks().stream().filter(t -> t.windowIndex() == w.index()).toList();
      AffectEstimate face = SpeakerReading.faceOf(linked, here);
      Optional<TrackReading> own = here.stream().filter(t -> t.trackId() == track).findFirst();
      if (own.isPresent()) {
        seen++;
        assertThat(face).isSameAs(own.get().estimate());
      } else {
        assertThat(face.absenceDetail()).isEqualTo(AbsenceDetail.LINKED_FACE_NOT_SEEN.text(track));
      }
    }
    assertThat(seen).isPositive();
  }
}
