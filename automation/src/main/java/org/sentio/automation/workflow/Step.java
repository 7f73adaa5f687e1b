package org.sentio.automation.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One state of the machine: a skill with its parameters, the states that follow it and what happens
 * when it fails.
 *
 * @param id unique within the workflow
 * @param skill the skill's name (built in or from a plug-in)
 * @param params the skill's parameters: strings, numbers and booleans
 * @param next the ids of the steps that run after this one (empty: the run ends here)
 * @param onError retry and rollback policy
 */
public record Step(
    String id, String skill, Map<String, Object> params, List<String> next, ErrorPolicy onError) {
  public Step {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    next = List.copyOf(next);
  }

  /** A string parameter, or {@code null}. */
  public String text(String name) {
    Object value = params.get(name);
    return value == null ? null : value.toString();
  }

  /** A numeric parameter, or {@code fallback}. */
  public double number(String name, double fallback) {
    Object value = params.get(name);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return value == null ? fallback : Double.parseDouble(value.toString());
  }

  public Step withNext(List<String> newNext) {
    return new Step(id, skill, params, newNext, onError);
  }
}
