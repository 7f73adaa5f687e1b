package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentio workflows}: the JSON contract, exit codes, and the life of a saved workflow. */
class WorkflowsCommandTest {
  private static final String EXAMPLE =
      "every Monday at 10:00 analyse the new recordings in ~/calls, report the calls where the"
          + " customer was angry for more than 30 seconds, and write a PDF summary to ~/reports";

  record Result(int exit, String out, String err) {}

  @TempDir Path temp;
  private Path data;

  @BeforeEach
  void dataFolder() {
    data = temp.resolve("data");
  }

  private Result sentio(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, 2);
    all[2] = "--data-dir";
    all[3] = data.toString();
    System.arraycopy(args, 2, all, 4, args.length - 2);
    CapturedRun run = CapturedRun.run(all);
    return new Result(run.code(), run.out(), run.err());
  }

  @Test
  void aDryRunPrintsTheMachineAsJsonAndSavesNothing() throws Exception {
    Result r = sentio("workflows", "new", EXAMPLE, "--dry-run", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("name").asText()).isEqualTo("calls-weekly");
    assertThat(json.at("/trigger/cron").asText()).isEqualTo("0 10 * * 1");
    assertThat(json.at("/steps/1/params/minSeconds").asInt()).isEqualTo(30);
    assertThat(json.get("unparsed")).isEmpty();
    assertThat(sentio("workflows", "list").out()).contains("No workflows yet");
  }

  @Test
  void theChineseExampleGivesTheSameMachine() throws Exception {
    Result r =
        sentio(
            "workflows",
            "new",
            "每周一上午10点分析 ~/calls 里的新录音，把客户生气超过30秒的通话做成PDF报告放到 ~/reports",
            "--dry-run",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("language").asText()).isEqualTo("zh-CN");
    assertThat(json.at("/steps/2/params/folder").asText()).isEqualTo("~/reports");
  }

  @Test
  void wordsNotUnderstoodExitTwoAndAreListed() throws Exception {
    Result r =
        sentio(
            "workflows", "new", "analyse the calls in ~/calls and fax them", "--dry-run", "--json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(r.out()).get("unparsed").get(0).asText())
        .isEqualTo("fax");
    assertThat(r.err()).contains("not understood: \"fax\"");
  }

  @Test
  void theMachineIsShownInWordsAndAsADiagramBeforeSaving() {
    Result r = sentio("workflows", "new", EXAMPLE, "--dry-run");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Starts: on schedule \"0 10 * * 1\"")
        .contains("2. filter: keep the sessions where the customer was angry for more than 30 s")
        .contains("stateDiagram-v2");
  }

  @Test
  void aFolderThatDoesNotExistIsRefusedWhenSaving() {
    Result r =
        sentio(
            "workflows",
            "new",
            "every day at 9:00 analyse the new recordings in " + temp.resolve("nowhere"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nowhere").contains("the folder does not exist");
  }

  @Test
  void aScheduleThatNeverFiresIsRefused() throws Exception {
    Path file = temp.resolve("feb30.json");
    Files.writeString(
        file,
        """
        {"name": "feb30", "trigger": {"type": "schedule", "cron": "0 0 30 2 *", "zone": "UTC",
         "folder": null},
         "steps": [{"id": "n", "skill": "notify", "params": {}, "next": []}]}
        """);
    Result r = sentio("workflows", "new", "--file", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("never fires");
  }

  @Test
  void aBrokenWorkflowFileIsNamedWithItsLine() throws Exception {
    Path file = temp.resolve("broken.json");
    Files.writeString(file, "{\n  \"name\": \"x\",\n  \"steps\": [,]\n}");
    Result r = sentio("workflows", "new", "--file", file.toString(), "--dry-run");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file + ": not JSON (line 3");
  }

  @Test
  void aSavedWorkflowIsListedShownRunReviewedPausedAndDeleted() throws Exception {
    Path file = temp.resolve("review.json");
    Files.writeString(
        file,
        """
        {"name": "ask-first", "trigger": {"type": "manual", "cron": null, "zone": null,
         "folder": null},
         "steps": [{"id": "review", "skill": "review", "params": {"approver": "supervisor"},
                    "next": ["notify"]},
                   {"id": "notify", "skill": "notify", "params": {"to": "me"}, "next": []}]}
        """);
    assertThat(sentio("workflows", "new", "--file", file.toString()).out())
        .contains("Saved workflow ask-first");
    assertThat(sentio("workflows", "new", "--file", file.toString()).err())
        .contains("a workflow named \"ask-first\" exists");
    assertThat(sentio("workflows", "list").out()).contains("ask-first").contains("by hand");
    assertThat(sentio("workflows", "show", "ask-first").out())
        .contains("1. review: ask supervisor");

    Result run = sentio("workflows", "run", "ask-first");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Run 1 of ask-first: waiting");
    assertThat(sentio("workflows", "reviews").out()).contains("run 1").contains("step review");

    Result approved = sentio("workflows", "approve", "1");
    assertThat(approved.out()).contains("Run 1 of ask-first: succeeded");
    assertThat(approved.err()).contains("sentio: notification: workflow ask-first");
    assertThat(sentio("workflows", "history", "ask-first").out()).contains("succeeded");
    assertThat(sentio("workflows", "approve", "1").err()).contains("run 1 waits for no review");

    assertThat(sentio("workflows", "pause", "ask-first").exit()).isZero();
    assertThat(sentio("workflows", "list").out()).contains("paused");
    assertThat(sentio("workflows", "delete", "ask-first").exit()).isZero();
    assertThat(sentio("workflows", "show", "ask-first").exit()).isEqualTo(2);
  }

  @Test
  void theSkillsAreListed() {
    assertThat(sentio("workflows", "skills").out())
        .contains("analyse")
        .contains("review")
        .contains("built-in");
  }

  @Test
  void theDaemonWatchesTheFallbackWhileTheWatchedFolderIsUnreachableAndSaysSo() throws Exception {
    Path inbox = Files.createDirectories(temp.resolve("inbox"));
    Path spare = Files.createDirectories(temp.resolve("spare"));
    Path call = Files.writeString(spare.resolve("call.wav"), "taken in, never decoded");
    Files.setLastModifiedTime(
        call, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
    Path file =
        Files.writeString(
            temp.resolve("inbox.json"),
            "{\"name\": \"inbox\", \"trigger\": {\"type\": \"watch\", \"folder\": \""
                + inbox
                + "\"}, \"steps\": [{\"id\": \"notify\", \"skill\": \"notify\","
                + " \"params\": {}, \"next\": []}]}");
    Result saved = sentio("workflows", "new", "--file", file.toString());
    assertThat(saved.exit()).as(saved.err()).isZero();
    Files.writeString(
        data.resolve("monitoring.properties"),
        "fallback."
            + inbox.toString().replace("\\", "\\\\").replace(":", "\\:")
            + "="
            + spare.toString().replace("\\", "\\\\")
            + "\n");
    Files.delete(inbox);

    Result daemon = sentio("workflows", "daemon", "--once");
    assertThat(daemon.exit()).as(daemon.err()).isZero();
    assertThat(daemon.out()).contains("started run 1: inbox succeeded");
    assertThat(daemon.err())
        .contains("sentio: alert: inbox: watched folder unreachable: " + inbox)
        .contains("; using the fallback " + spare + " while it is unreachable");
    assertThat(sentio("workflows", "history", "--run", "1").out())
        .contains("started (new files in " + spare + ")");
  }

  @Test
  void aBrokenMonitoringSettingsFileStopsTheDaemonWithOneLine() throws Exception {
    Files.createDirectories(data);
    Files.writeString(data.resolve("monitoring.properties"), "prometheus.port=ninety\n");
    Result daemon = sentio("workflows", "daemon", "--once");
    assertThat(daemon.exit()).isEqualTo(2);
    assertThat(daemon.err().strip())
        .startsWith("sentio: ")
        .contains("monitoring.properties: prometheus.port \"ninety\" is not a port")
        .doesNotContain("\n");
  }
}
