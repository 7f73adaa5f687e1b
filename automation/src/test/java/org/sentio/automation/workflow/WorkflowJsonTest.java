package org.sentio.automation.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.automation.parse.ParseResult;
import org.sentio.automation.parse.WorkflowParser;

class WorkflowJsonTest {
  private static final String EXAMPLE =
      "every Monday at 10:00 analyse the new recordings in ~/calls, report the calls where the"
          + " customer was angry for more than 30 seconds, and write a PDF summary to ~/reports";

  static List<String> validate(JsonNode json) throws Exception {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    try (InputStream in = WorkflowJson.class.getResourceAsStream(WorkflowJson.SCHEMA_RESOURCE)) {
      Schema schema = registry.getSchema(new ObjectMapper().readTree(in));
      return schema.validate(json).stream().map(Error::toString).toList();
    }
  }

  @Test
  void theDryRunJsonOfTheExampleHasTheContractsShape() throws Exception {
    ParseResult parsed = new WorkflowParser().parse(EXAMPLE);
    JsonNode json = WorkflowJson.toJson(parsed.workflow(), parsed.unparsed(), parsed.problems());
    assertEquals(List.of(), validate(json));
    assertEquals("calls-weekly", json.get("name").asText());
    assertEquals("en", json.get("language").asText());
    assertEquals("schedule", json.at("/trigger/type").asText());
    assertEquals("0 10 * * 1", json.at("/trigger/cron").asText());
    assertTrue(json.at("/trigger/zone").isNull());
    assertTrue(json.at("/trigger/folder").isNull());
    assertEquals("analyse", json.at("/steps/0/skill").asText());
    assertEquals("~/calls", json.at("/steps/0/params/folder").asText());
    assertEquals("filter", json.at("/steps/0/next/0").asText());
    assertEquals(30, json.at("/steps/1/params/minSeconds").asInt());
    assertEquals("angry", json.at("/steps/1/params/emotion").asText());
    assertEquals("pdf", json.at("/steps/2/params/format").asText());
    assertEquals(0, json.at("/steps/2/next").size());
    assertEquals("rollback", json.at("/steps/2/onError/then").asText());
    assertEquals(0, json.get("unparsed").size());
  }

  @Test
  void refusedNonsenseStillMatchesTheSchemaAndListsTheWords() throws Exception {
    ParseResult parsed = new WorkflowParser().parse("bake a cake");
    JsonNode json = WorkflowJson.toJson(parsed.workflow(), parsed.unparsed(), parsed.problems());
    assertEquals(List.of(), validate(json));
    assertEquals("bake", json.at("/unparsed/0").asText());
  }

  @Test
  void aWorkflowSurvivesTheRoundTrip() throws Exception {
    Workflow workflow = new WorkflowParser().parse(EXAMPLE).workflow();
    assertEquals(workflow, WorkflowJson.read(WorkflowJson.write(workflow), "calls.json"));
  }

  @Test
  void brokenJsonNamesTheFileAndLine() {
    WorkflowException e =
        assertThrows(
            WorkflowException.class, () -> WorkflowJson.read("{\n \"name\": ,", "mine.json"));
    assertTrue(e.getMessage().startsWith("mine.json: not JSON (line 2"), e.getMessage());
  }

  @Test
  void aWrongFieldIsNamedWithItsPath() {
    String json =
        """
        {"name": "w", "trigger": {"type": "manual", "cron": null, "zone": null, "folder": null},
         "steps": [{"id": "a", "skill": "analyse", "params": {"folder": ["x"]}, "next": []}]}
        """;
    WorkflowException e =
        assertThrows(WorkflowException.class, () -> WorkflowJson.read(json, "mine.json"));
    assertEquals(
        "mine.json: steps[0].params.folder: expected a string, number or boolean", e.getMessage());
  }

  @Test
  void anUnknownTriggerTypeAndAnUnknownFieldAreNamed() {
    WorkflowException type =
        assertThrows(
            WorkflowException.class,
            () ->
                WorkflowJson.read(
                    "{\"name\":\"w\",\"trigger\":{\"type\":\"hourly\"},\"steps\":[]}", "f"));
    assertEquals(
        "f: unknown trigger type \"hourly\" (use schedule, watch or manual)", type.getMessage());
    WorkflowException field =
        assertThrows(
            WorkflowException.class,
            () -> WorkflowJson.read("{\"name\":\"w\",\"trigers\":{}}", "f"));
    assertTrue(field.getMessage().startsWith("f: trigers: unknown field"), field.getMessage());
  }

  @Test
  void aBadErrorPolicyIsNamed() {
    String json =
        """
        {"name": "w", "trigger": {"type": "manual"},
         "steps": [{"id": "a", "skill": "notify", "onError": {"retries": 99}}]}
        """;
    WorkflowException e = assertThrows(WorkflowException.class, () -> WorkflowJson.read(json, "f"));
    assertEquals("f: steps[0]: onError.retries must be 0 to 10, not 99", e.getMessage());
  }

  @Test
  void theMachineIsShownInWordsAndAsADiagram() {
    Workflow workflow = new WorkflowParser().parse(EXAMPLE).workflow();
    String words = WorkflowDescription.inWords(workflow, null);
    assertTrue(words.contains("1. analyse: analyse the new recordings in ~/calls"), words);
    assertTrue(
        words.contains(
            "2. filter: keep the sessions where the customer was angry for" + " more than 30 s"),
        words);
    assertTrue(
        words.contains("3. report: write a PDF report of each session into" + " ~/reports → end"),
        words);
    String diagram = WorkflowDescription.mermaid(workflow);
    assertTrue(
        diagram.startsWith("stateDiagram-v2\n  [*] --> analyse: cron 0 10 * * 1\n"), diagram);
    assertTrue(diagram.contains("  filter --> report\n  report --> [*]\n"), diagram);
  }

  @Test
  void aChineseWorkflowIsShownInChinese() {
    Workflow workflow =
        new WorkflowParser()
            .parse("每周一上午10点分析 ~/calls 里的新录音，把客户生气超过30秒的通话做成PDF报告放到 ~/reports")
            .workflow();
    String words = WorkflowDescription.inWords(workflow, null);
    assertTrue(words.contains("启动：按计划 cron \"0 10 * * 1\""), words);
    assertTrue(words.contains("1. analyse：分析 ~/calls 里的新录音"), words);
    assertTrue(words.contains("3. report：把每个会话写成 PDF 报告，放到 ~/reports → 结束"), words);
  }
}
