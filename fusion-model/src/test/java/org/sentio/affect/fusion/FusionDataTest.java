package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.LabeledSet;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.affect.train.SharedData;

/**
 * The matched held-out set for {@code sentio evaluate}: only held-out items (RAVDESS actors 19–20,
 * the odd-position FER-2013 crops and GoEmotions dev sentences), one label per row, reproducible,
 * and readable back as a labeled CSV with all three modalities.
 */
class FusionDataTest {

  @Test
  void matchedRowsPairHeldOutItemsOfTheRowLabel(@TempDir Path dir) throws Exception {
    List<FusionData.MatchedRow> rows = FusionData.matchedHeldOut(300, 11L);
    assertThat(rows).hasSize(300);
    assertThat(FusionData.matchedHeldOut(300, 11L)).isEqualTo(rows);

    Path faces = SharedData.dataset(FusionData.FACES);
    List<Map<String, String>> faceRows =
        new ArrayList<>(LabeledCsv.read(faces.resolve("labels.csv")));
    faceRows.sort((a, b) -> a.get("path").compareTo(b.get("path")));
    Map<Path, Emotion> heldOutFaces = new HashMap<>();
    for (int i = 1; i < faceRows.size(); i += 2) {
      heldOutFaces.put(
          faces.resolve(faceRows.get(i).get("path")), Emotion.parse(faceRows.get(i).get("label")));
    }
    Path speech = SharedData.dataset(FusionData.SPEECH);
    Map<Path, Map<String, String>> clips = new HashMap<>();
    for (Map<String, String> row : LabeledCsv.read(speech.resolve("labels.csv"))) {
      clips.put(speech.resolve(row.get("path")), row);
    }
    List<Map<String, String>> dev = new ArrayList<>();
    for (Map<String, String> row :
        LabeledCsv.read(SharedData.dataset(FusionData.TEXT).resolve("labels.csv"))) {
      if ("dev".equals(row.get("split"))) {
        dev.add(row);
      }
    }
    Map<String, Emotion> heldOutTexts = new HashMap<>();
    for (int i = 1; i < dev.size(); i += 2) {
      heldOutTexts.put(dev.get(i).get("text"), Emotion.parse(dev.get(i).get("label")));
    }

    Set<Emotion> labels = new HashSet<>();
    for (FusionData.MatchedRow row : rows) {
      labels.add(row.label());
      assertThat(heldOutFaces).as("held-out face %s", row.image()).containsKey(row.image());
      assertThat(heldOutFaces.get(row.image())).isEqualTo(row.label());
      Map<String, String> clip = clips.get(row.audio());
      assertThat(clip).as("clip %s", row.audio()).isNotNull();
      assertThat(clip.get("actor")).isIn(FusionData.HELD_OUT_ACTORS);
      assertThat(Emotion.parse(clip.get("label"))).isEqualTo(row.label());
      assertThat(heldOutTexts.get(row.text())).as(row.text()).isEqualTo(row.label());
    }
    assertThat(labels).hasSize(Emotion.COUNT);

    Path csv = dir.resolve("matched.csv");
    FusionData.writeMatchedCsv(csv, rows);
    LabeledSet set = LabeledSet.read(csv, false);
    assertThat(set.rows()).hasSize(300);
    for (int i = 0; i < rows.size(); i++) {
      LabeledSet.Row read = set.rows().get(i);
      assertThat(read.modalities()).isEqualTo(3);
      assertThat(read.emotion()).isEqualTo(rows.get(i).label());
      assertThat(read.image()).isEqualTo(rows.get(i).image().toAbsolutePath());
      assertThat(read.text()).isEqualTo(rows.get(i).text().strip());
    }
  }
}
