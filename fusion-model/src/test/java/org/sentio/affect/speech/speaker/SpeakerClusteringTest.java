package org.sentio.affect.speech.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The clustering rules on vectors whose similarities are known: voices are random directions, and
 * each segment is its voice plus noise (real voice prints are measured in SpeakerTurnsTest).
 */
class SpeakerClusteringTest {
  private final Random random = new Random(7);
  private final float[][] voices = {
    direction(), direction(), direction(), direction(), direction()
  };

  @Test
  void numbersSpeakersInTheOrderTheyFirstTalk() {
    int[] speakers = new SpeakerClustering().cluster(segments(2, 0, 2, 1, 0, 1));

    assertThat(speakers).containsExactly(0, 1, 0, 2, 1, 2);
  }

  @Test
  void oneVoiceIsOneSpeaker() {
    assertThat(new SpeakerClustering().cluster(segments(3, 3, 3, 3))).containsOnly(0);
  }

  @Test
  void aGivenSpeakerCountIsKept() {
    assertThat(new SpeakerClustering().cluster(segments(0, 1, 2, 0, 1, 2), 2))
        .containsOnly(0, 1)
        .contains(0, 1);
    assertThat(new SpeakerClustering().cluster(segments(0, 0, 0, 0), 2)).contains(0, 1);
  }

  @Test
  void theAutomaticCountStopsAtFour() {
    int[] speakers = new SpeakerClustering().cluster(segments(0, 1, 2, 3, 4, 0, 1, 2, 3, 4));

    assertThat(speakers).containsOnly(0, 1, 2, 3);
  }

  @Test
  void aLongCallOfAThousandUtterancesIsClusteredWhole() {
    int[] voiceOf = new int[1000];
    for (int i = 0; i < voiceOf.length; i++) {
      voiceOf[i] = (i / 3) % 2; // turns of three utterances each
    }

    int[] speakers = new SpeakerClustering().cluster(segments(voiceOf));

    assertThat(speakers).containsExactly(voiceOf);
  }

  @Test
  void noSegmentsGiveNoSpeakers() {
    assertThat(new SpeakerClustering().cluster(List.of())).isEmpty();
  }

  private List<SpeakerEmbedding> segments(int... voiceOfSegment) {
    List<SpeakerEmbedding> out = new ArrayList<>();
    for (int v : voiceOfSegment) {
      float[] noisy = direction();
      for (int i = 0; i < noisy.length; i++) {
        noisy[i] = voices[v][i] + 0.5f * noisy[i]; // cosine to its voice about 0.9
      }
      out.add(new SpeakerEmbedding(noisy, 300));
    }
    return out;
  }

  private float[] direction() {
    float[] v = new float[SpeakerEmbedder.DIMENSION];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return SpeakerEmbedding.unitLength(v);
  }
}
