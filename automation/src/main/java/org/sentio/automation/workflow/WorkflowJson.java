package org.sentio.automation.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workflow JSON of {@code docs/schemas/sentio-workflow-1.schema.json}: written by {@code sentio
 * workflows new --dry-run --json} and stored with each workflow; read back from files people write,
 * with one line naming the field for each mistake.
 */
public final class WorkflowJson {
  public static final String SCHEMA_RESOURCE =
      "/org/sentio/automation/schema/sentio-workflow-1.schema.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<String> TOP =
      Set.of("name", "language", "sentence", "trigger", "steps", "unparsed", "problems");
  private static final Set<String> STEP = Set.of("id", "skill", "params", "next", "onError");

  private WorkflowJson() {}

  /** The JSON object of a workflow, with what the parser did not understand and the problems. */
  public static ObjectNode toJson(Workflow workflow, List<String> unparsed, List<String> problems) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", workflow.name());
    root.put("language", workflow.language());
    root.put("sentence", workflow.sentence());
    ObjectNode trigger = root.putObject("trigger");
    trigger.put("type", workflow.trigger().type().jsonName());
    trigger.put("cron", workflow.trigger().cron());
    trigger.put("zone", workflow.trigger().zone());
    trigger.put("folder", workflow.trigger().folder());
    ArrayNode steps = root.putArray("steps");
    for (Step step : workflow.steps()) {
      ObjectNode node = steps.addObject();
      node.put("id", step.id());
      node.put("skill", step.skill());
      node.set("params", MAPPER.valueToTree(step.params()));
      ArrayNode next = node.putArray("next");
      step.next().forEach(next::add);
      ObjectNode onError = node.putObject("onError");
      onError.put("retries", step.onError().retries());
      onError.put("backoffSeconds", step.onError().backoffSeconds());
      onError.put("then", step.onError().then());
    }
    ArrayNode unparsedNode = root.putArray("unparsed");
    unparsed.forEach(unparsedNode::add);
    ArrayNode problemsNode = root.putArray("problems");
    problems.forEach(problemsNode::add);
    return root;
  }

  public static String write(Workflow workflow) {
    return write(toJson(workflow, List.of(), List.of()));
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Reads a workflow from JSON text.
   *
   * @param source what to call the text in messages (a file name)
   * @throws WorkflowException naming the source and the field for the first mistake
   */
  public static Workflow read(String text, String source) throws WorkflowException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new WorkflowException(
          source
              + ": not JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage()
              + ")",
          e);
    }
    if (root == null || !root.isObject()) {
      throw new WorkflowException(source + ": a workflow is a JSON object {\"name\", …}");
    }
    try {
      return workflow(root, source);
    } catch (IllegalArgumentException e) {
      throw new WorkflowException(source + ": " + e.getMessage(), e);
    }
  }

  private static Workflow workflow(JsonNode root, String source) {
    unknownFields(root, TOP, "");
    String name = text(root, "name", "name", true);
    String language = text(root, "language", "language", false);
    String sentence = text(root, "sentence", "sentence", false);
    JsonNode triggerNode = required(root, "trigger", "trigger");
    if (!triggerNode.isObject()) {
      throw new IllegalArgumentException("trigger: expected an object {\"type\", …}");
    }
    unknownFields(triggerNode, Set.of("type", "cron", "zone", "folder"), "trigger.");
    Trigger trigger =
        new Trigger(
            TriggerType.parse(text(triggerNode, "type", "trigger.type", true)),
            text(triggerNode, "cron", "trigger.cron", false),
            text(triggerNode, "zone", "trigger.zone", false),
            text(triggerNode, "folder", "trigger.folder", false));
    JsonNode stepsNode = required(root, "steps", "steps");
    if (!stepsNode.isArray()) {
      throw new IllegalArgumentException("steps: expected an array of steps");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < stepsNode.size(); i++) {
      steps.add(step(stepsNode.get(i), "steps[" + i + "]"));
    }
    return new Workflow(name, language == null ? "json" : language, sentence, trigger, steps);
  }

  private static Step step(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object {\"id\", \"skill\", …}");
    }
    unknownFields(node, STEP, where + ".");
    String id = text(node, "id", where + ".id", true);
    String skill = text(node, "skill", where + ".skill", true);
    Map<String, Object> params = new LinkedHashMap<>();
    JsonNode paramsNode = node.get("params");
    if (paramsNode != null && !paramsNode.isNull()) {
      if (!paramsNode.isObject()) {
        throw new IllegalArgumentException(where + ".params: expected an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = field.getValue();
        String at = where + ".params." + field.getKey();
        if (value.isTextual()) {
          params.put(field.getKey(), value.asText());
        } else if (value.isIntegralNumber()) {
          // Ints as the parser makes them, so a machine equals itself after a round trip.
          Object number =
              value.canConvertToInt() ? (Object) value.asInt() : (Object) value.asLong();
          params.put(field.getKey(), number);
        } else if (value.isNumber()) {
          params.put(field.getKey(), value.asDouble());
        } else if (value.isBoolean()) {
          params.put(field.getKey(), value.asBoolean());
        } else {
          throw new IllegalArgumentException(at + ": expected a string, number or boolean");
        }
      }
    }
    List<String> next = new ArrayList<>();
    JsonNode nextNode = node.get("next");
    if (nextNode != null && !nextNode.isNull()) {
      if (!nextNode.isArray()) {
        throw new IllegalArgumentException(where + ".next: expected an array of step ids");
      }
      for (JsonNode item : nextNode) {
        if (!item.isTextual()) {
          throw new IllegalArgumentException(where + ".next: expected step ids (strings)");
        }
        next.add(item.asText());
      }
    }
    ErrorPolicy onError = ErrorPolicy.DEFAULT;
    JsonNode errorNode = node.get("onError");
    if (errorNode != null && !errorNode.isNull()) {
      if (!errorNode.isObject()) {
        throw new IllegalArgumentException(where + ".onError: expected an object");
      }
      unknownFields(errorNode, Set.of("retries", "backoffSeconds", "then"), where + ".onError.");
      try {
        onError =
            new ErrorPolicy(
                errorNode.path("retries").asInt(ErrorPolicy.DEFAULT.retries()),
                errorNode.path("backoffSeconds").asDouble(ErrorPolicy.DEFAULT.backoffSeconds()),
                errorNode.path("then").asText(ErrorPolicy.DEFAULT.then()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return new Step(id, skill, params, next, onError);
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(where + ": missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + ": missing");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(where + ": expected a string, not " + value);
    }
    return value.asText();
  }

  private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new IllegalArgumentException(
            prefix
                + field
                + ": unknown field (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }
}
