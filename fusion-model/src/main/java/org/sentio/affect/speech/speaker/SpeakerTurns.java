package org.sentio.affect.speech.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sentio.runtime.ModelException;

/**
 * Who said each utterance of a recording: the one place the analysis asks. Mono (or mixed)
 * recordings are answered by clustering x-vectors; a stereo recording with one party per channel by
 * which channel is louder during the utterance. Speaker 0 is the first to talk; it is the agent
 * unless the caller says the customer spoke first.
 */
public final class SpeakerTurns {
  private final SpeakerEmbedder embedder;
  private final SpeakerClustering clustering;

  /**
   * @param embedder used for mono recordings; owned by the caller
   * @param clustering how embeddings become speakers
   */
  public SpeakerTurns(SpeakerEmbedder embedder, SpeakerClustering clustering) {
    this.embedder = embedder;
    this.clustering = clustering;
  }

  /**
   * One utterance: its span in seconds from the start of the recording and its mono samples.
   *
   * @param samples mono 16 kHz samples of the span (the mix, for a stereo recording)
   */
  public record Utterance(double start, double end, float[] samples) {}

  /**
   * A speaker found in the recording.
   *
   * @param id 0 for the first to talk, then 1, 2, …
   * @param role agent or customer
   * @param channel the channel that carries this speaker (0 left, 1 right), or empty for mono
   */
  public record Speaker(int id, SpeakerRole role, Optional<Integer> channel) {}

  /**
   * The answer.
   *
   * @param speakers the speakers, by id
   * @param speakerOfUtterance the speaker id of each utterance, in the order given
   * @param method how the speakers were told apart, in words (for the session's notes)
   */
  public record Assignment(List<Speaker> speakers, int[] speakerOfUtterance, String method) {}

  /**
   * An utterance's span with its voice print: what {@link #assign} needs, 512 bytes instead of the
   * samples, so a long recording can be printed utterance by utterance as it is analysed.
   *
   * @param embedding empty when the utterance held too little speech for a voice print
   */
  public record VoicePrint(double start, double end, Optional<SpeakerEmbedding> embedding) {}

  /** The voice print of one utterance. */
  public VoicePrint voicePrint(Utterance utterance) throws ModelException {
    return new VoicePrint(utterance.start(), utterance.end(), embedder.embed(utterance.samples()));
  }

  /**
   * Speakers of a mono recording's utterances: {@link #voicePrint} of each, then {@link #assign}.
   *
   * @param speakers the number of speakers, or 0 to decide (at most {@link
   *     SpeakerClustering#MAX_SPEAKERS})
   * @param firstIsAgent whether the first speaker to talk is the agent
   */
  public Assignment mono(List<Utterance> utterances, int speakers, boolean firstIsAgent)
      throws ModelException {
    List<VoicePrint> prints = new ArrayList<>();
    for (Utterance u : utterances) {
      prints.add(voicePrint(u));
    }
    return assign(prints, speakers, firstIsAgent);
  }

  /**
   * Speakers from voice prints (mono or mixed audio), in the order given.
   *
   * @param speakers the number of speakers, or 0 to decide (at most {@link
   *     SpeakerClustering#MAX_SPEAKERS})
   * @param firstIsAgent whether the first speaker to talk is the agent
   */
  public Assignment assign(List<VoicePrint> prints, int speakers, boolean firstIsAgent) {
    List<SpeakerEmbedding> embeddings = new ArrayList<>();
    List<Integer> embedded = new ArrayList<>();
    for (int i = 0; i < prints.size(); i++) {
      Optional<SpeakerEmbedding> e = prints.get(i).embedding();
      if (e.isPresent()) {
        embeddings.add(e.get());
        embedded.add(i);
      }
    }
    int[] assigned = new int[prints.size()];
    if (embeddings.isEmpty()) {
      return new Assignment(
          roles(prints.isEmpty() ? 0 : 1, firstIsAgent, null),
          assigned,
          "one speaker assumed: no utterance held enough speech for a voice print");
    }
    int[] clusters = clustering.cluster(embeddings, speakers);
    // Utterances too short for a voice print take the speaker of the nearest one in time.
    for (int i = 0; i < prints.size(); i++) {
      int nearest = 0;
      double gap = Double.POSITIVE_INFINITY;
      for (int k = 0; k < embedded.size(); k++) {
        double d = Math.abs(prints.get(embedded.get(k)).start() - prints.get(i).start());
        if (d < gap) {
          gap = d;
          nearest = k;
        }
      }
      assigned[i] = clusters[nearest];
    }
    int[] renumbered = renumberByFirstAppearance(assigned);
    int count = java.util.Arrays.stream(renumbered).max().orElse(-1) + 1;
    return new Assignment(
        roles(count, firstIsAgent, null),
        renumbered,
        "voice prints (x-vectors) clustered into "
            + count
            + (speakers > 0 ? " speakers as asked" : " speakers"));
  }

  /**
   * Speakers of a two-channel recording's utterances: per channel when the channels carry different
   * people, otherwise as {@link #assign} on the voice prints of the mixed audio, with the reason in
   * {@link Assignment#method()} (e.g. a silent channel). When {@code channels.layout()} is {@link
   * StereoLayout.Kind#SEPARATE_SPEAKERS} only the spans of the prints are used, so the caller may
   * leave their embeddings empty.
   *
   * @param channels the recording's two channels, fed to a {@link StereoCheck} from the start
   */
  public Assignment stereo(
      StereoCheck channels, List<VoicePrint> prints, int speakers, boolean firstIsAgent) {
    StereoLayout layout = channels.layout();
    if (layout.kind() != StereoLayout.Kind.SEPARATE_SPEAKERS || speakers > 2) {
      Assignment mono = assign(prints, speakers, firstIsAgent);
      return new Assignment(
          mono.speakers(), mono.speakerOfUtterance(), layout.describe() + "; " + mono.method());
    }
    int[] channelOf = new int[prints.size()];
    for (int i = 0; i < prints.size(); i++) {
      channelOf[i] = channels.louderChannel(prints.get(i).start(), prints.get(i).end());
    }
    int firstChannel = prints.isEmpty() ? 0 : channelOf[0];
    int[] assigned = new int[prints.size()];
    for (int i = 0; i < assigned.length; i++) {
      assigned[i] = channelOf[i] == firstChannel ? 0 : 1;
    }
    return new Assignment(
        roles(2, firstIsAgent, firstChannel),
        assigned,
        "one speaker per channel: " + layout.describe());
  }

  /** Speakers 0..count-1; the agent is speaker 0, or speaker 1 when the customer spoke first. */
  private static List<Speaker> roles(int count, boolean firstIsAgent, Integer firstChannel) {
    int agent = firstIsAgent || count < 2 ? 0 : 1;
    List<Speaker> speakers = new ArrayList<>();
    for (int id = 0; id < count; id++) {
      Optional<Integer> channel =
          firstChannel == null
              ? Optional.empty()
              : Optional.of(id == 0 ? firstChannel : 1 - firstChannel);
      speakers.add(
          new Speaker(id, id == agent ? SpeakerRole.AGENT : SpeakerRole.CUSTOMER, channel));
    }
    return List.copyOf(speakers);
  }

  private static int[] renumberByFirstAppearance(int[] labels) {
    int[] map = new int[labels.length + 1];
    java.util.Arrays.fill(map, -1);
    int next = 0;
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (map[labels[i]] < 0) {
        map[labels[i]] = next++;
      }
      out[i] = map[labels[i]];
    }
    return out;
  }
}
