package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.app.Sentio;

/**
 * What encrypting transcripts costs (ADR 0032): save and load of the analysed demo session and of a
 * 3-hour call's transcript (2 700 recognised utterances, 32 400 words), each into a store whose
 * fields are encrypted and into one whose cipher passes text through, rounds alternating in one
 * run; medians and ratios, the load average before and after, and {@code PRAGMA integrity_check} of
 * both stores at the end. Runs only with {@code -Dsentio.store.bench=ROUNDS}; docs/reliability.md
 * has the command and the figures.
 */
@EnabledIfSystemProperty(named = "sentio.store.bench", matches = "\\d+")
class StoreEncryptionBench {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  /** No encryption: the text is stored as given, for the side-by-side figure only. */
  private static final class Plaintext extends FieldCipher {
    @Override
    String seal(String plaintext, Address where) {
      return plaintext;
    }

    @Override
    String open(String stored, Address where) {
      return stored;
    }

    @Override
    byte[] sealBytes(byte[] plaintext, Address where) {
      return plaintext;
    }

    @Override
    byte[] openBytes(byte[] stored, Address where) {
      return stored;
    }
  }

  @Test
  void saveAndLoadWithAndWithoutEncryption() throws Exception {
    int rounds = Integer.getInteger("sentio.store.bench");
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
    SessionResult demo = analysedDemo();
    SessionResult call = threeHourTranscript(demo);
    try (SessionStore encrypted = SessionStore.open(dir.resolve("encrypted"));
        SessionStore plain = plaintextStore(dir.resolve("plain"))) {
      List<String> lines = new ArrayList<>();
      for (SessionResult session : List.of(demo, call)) {
        double[][] times = new double[4][rounds];
        for (int warm = 0; warm < 3; warm++) {
          saveAndLoad(encrypted, session, null, 0, 0);
          saveAndLoad(plain, session, null, 0, 0);
        }
        for (int r = 0; r < rounds; r++) {
          // alternate which goes first, so drift in the machine's load hits both alike
          if (r % 2 == 0) {
            saveAndLoad(encrypted, session, times, 0, r);
            saveAndLoad(plain, session, times, 2, r);
          } else {
            saveAndLoad(plain, session, times, 2, r);
            saveAndLoad(encrypted, session, times, 0, r);
          }
        }
        double encSave = median(times[0]);
        double encLoad = median(times[1]);
        double plainSave = median(times[2]);
        double plainLoad = median(times[3]);
        lines.add(
            String.format(
                Locale.ROOT,
                "%-28s utterances %5d words %6d | save %8.2f ms plain %8.2f ms encrypted (%.2fx)"
                    + " | load %8.2f ms plain %8.2f ms encrypted (%.2fx)",
                session.title(),
                session.transcript().size(),
                session.transcript().stream().mapToInt(u -> u.words().size()).sum(),
                plainSave,
                encSave,
                encSave / plainSave,
                plainLoad,
                encLoad,
                encLoad / plainLoad));
      }
      String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
      System.out.println("StoreEncryptionBench: " + rounds + " rounds (medians), 3 warm-up rounds");
      lines.forEach(l -> System.out.println("StoreEncryptionBench: " + l));
      System.out.println(
          "StoreEncryptionBench: load average before " + loadBefore + ", after " + loadAfter);
    }
    for (String store : List.of("encrypted", "plain")) {
      String check = integrityCheck(dir.resolve(store).resolve(SessionStore.DATABASE_FILE));
      System.out.println("StoreEncryptionBench: PRAGMA integrity_check " + store + ": " + check);
      assertThat(check).isEqualTo("ok");
    }
  }

  private static void saveAndLoad(
      SessionStore store, SessionResult session, double[][] times, int column, int round)
      throws StoreException {
    long start = System.nanoTime();
    long id = store.sessions().save(session);
    long saved = System.nanoTime();
    SessionResult loaded = store.sessions().load(id).orElseThrow().result();
    long done = System.nanoTime();
    assertThat(loaded.transcript()).hasSameSizeAs(session.transcript());
    assertThat(loaded.transcript().get(loaded.transcript().size() - 1).text())
        .isEqualTo(session.transcript().get(session.transcript().size() - 1).text());
    if (times != null) {
      times[column][round] = (saved - start) / 1e6;
      times[column + 1][round] = (done - saved) / 1e6;
    }
  }

  private static SessionStore plaintextStore(Path folder) throws StoreException {
    SessionStore.open(folder).close(); // creates and migrates the file
    Path database = folder.resolve(SessionStore.DATABASE_FILE);
    return new SessionStore(
        database, StoreConnections.open(database, "the bench store"), new Plaintext());
  }

  /** The demo analysed by {@code sentio analyze} (its models, its transcript), as stored. */
  private SessionResult analysedDemo() throws Exception {
    Path data = dir.resolve("demo");
    int exit =
        Sentio.run(
            new String[] {
              "analyze",
              ROOT.resolve("resources/demo/demo.mp4").toString(),
              "--transcript",
              ROOT.resolve("resources/demo/demo.srt").toString(),
              "--data-dir",
              data.toString(),
              "--out",
              dir.resolve("demo-results").toString()
            },
            System.out,
            System.err);
    assertThat(exit).isZero();
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().load(1).orElseThrow().result();
    }
  }

  /** One utterance every 4 s for 3 hours, 12 recognised words each, from the demo's sentences. */
  private static SessionResult threeHourTranscript(SessionResult demo) {
    List<String> sentences =
        demo.transcript().stream().map(Utterance::text).filter(t -> !t.isBlank()).toList();
    List<Utterance> transcript = new ArrayList<>();
    AffectEstimate none = AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null);
    for (int i = 0; i < 2700; i++) {
      double start = i * 4.0;
      String[] said = (sentences.get(i % sentences.size()) + " " + i).split(" ");
      List<RecognizedWord> words = new ArrayList<>();
      for (int w = 0; w < 12; w++) {
        words.add(
            new RecognizedWord(
                said[w % said.length], start + w * 0.3, start + w * 0.3 + 0.25, 0.9));
      }
      transcript.add(
          new Utterance(
              start,
              start + 3.8,
              String.join(" ", Arrays.asList(said)),
              none,
              i % 2 == 0 ? "S1" : "S2",
              TranscriptSource.ASR,
              0.9,
              words,
              null));
    }
    return SessionResult.builder("3-hour call transcript", demo.createdAt(), demo.options())
        .media(demo.media())
        .durationSeconds(10_800)
        .transcript(transcript)
        .models(demo.models())
        .fusionMethod(demo.fusionMethod())
        .transcriptOrigin(TranscriptOrigin.asr("asr-en", "0.3.45", "en"))
        .build();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String integrityCheck(Path database) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
