package org.sentio.affect.facelink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The linking rule on constructed mouth series (no real video of people talking is reachable here:
 * docs/decisions/0041): 10 frames a second for 20 s; a "talking" mouth opens and closes at 4 Hz (0
 * to 0.4 mouth widths), a quiet one stays at 0.05. Speaker S1 talks 2–6 s and 12–15 s, S2 7–11 s
 * and 16–19 s.
 */
class FaceSpeakerLinkerTest {
  private static final List<double[]> S1 = List.of(new double[] {2, 6}, new double[] {12, 15});
  private static final List<double[]> S2 = List.of(new double[] {7, 11}, new double[] {16, 19});

  private static void face(MouthTracks mouths, int track, List<double[]> talks, double shift) {
    for (int i = 0; i < 200; i++) {
      double t = i / 10.0;
      boolean talking = false;
      for (double[] span : talks) {
        talking |= t + shift >= span[0] && t + shift <= span[1];
      }
      mouths.add(track, t, talking ? 0.2 + 0.2 * Math.sin(2 * Math.PI * 4 * t + 0.3) : 0.05);
    }
  }

  private static Map<String, List<double[]>> speech() {
    Map<String, List<double[]>> speech = new LinkedHashMap<>();
    speech.put("S1", S1);
    speech.put("S2", S2);
    return speech;
  }

  @Test
  void eachSpeakerGetsTheFaceWhoseMouthMovesWhileTheyTalkEvenWithAListenerInView() {
    MouthTracks mouths = new MouthTracks();
    face(mouths, 1, S2, 0);
    face(mouths, 2, S1, 0);
    face(mouths, 3, List.of(), 0);

    Map<String, FaceSpeakerLinker.Link> links = FaceSpeakerLinker.link(mouths, speech());

    assertThat(links.get("S1").track()).isEqualTo(2);
    assertThat(links.get("S2").track()).isEqualTo(1);
    assertThat(links.get("S1").note()).startsWith("linked: the mouth of face track 2 moves");
  }

  @Test
  void aFaceMovingWithBothSpeakersIsNotLinkedAndTheNoteSaysWhy() {
    MouthTracks mouths = new MouthTracks();
    face(mouths, 1, List.of(S1.get(0), S1.get(1), S2.get(0), S2.get(1)), 0);
    face(mouths, 2, List.of(S1.get(0), S1.get(1), S2.get(0), S2.get(1)), 0);

    Map<String, FaceSpeakerLinker.Link> links = FaceSpeakerLinker.link(mouths, speech());

    assertThat(links.get("S1").track()).isNull();
    assertThat(links.get("S1").note())
        .startsWith("not linked: face tracks 1 and 2 follow this speaker's speech about equally");
  }

  @Test
  void aMouthOutOfStepWithTheSpeechIsNotLinked() {
    MouthTracks mouths = new MouthTracks();
    face(mouths, 1, List.of(new double[] {0, 1.5}, new double[] {19.2, 20}), 0);

    Map<String, FaceSpeakerLinker.Link> links = FaceSpeakerLinker.link(mouths, speech());

    assertThat(links.get("S1").track()).isNull();
    assertThat(links.get("S1").note())
        .startsWith("not linked: no face's mouth movement follows this speaker's speech");
  }

  @Test
  void stillMouthsAndShortTracksAreSaidPlainly() {
    MouthTracks still = new MouthTracks();
    face(still, 1, List.of(), 0);
    MouthTracks brief = new MouthTracks();
    for (int i = 0; i < FaceSpeakerLinker.MIN_FRAMES - 1; i++) {
      brief.add(1, i / 10.0, 0.1 * (i % 2));
    }

    assertThat(FaceSpeakerLinker.link(still, speech()).get("S2").note())
        .startsWith("not linked: the faces do not move their mouths");
    assertThat(FaceSpeakerLinker.link(brief, speech()).get("S2").note())
        .startsWith("not linked: no face was followed long enough");
  }
}
