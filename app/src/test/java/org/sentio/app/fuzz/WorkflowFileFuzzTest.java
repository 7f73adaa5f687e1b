package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowException;
import org.sentio.automation.workflow.WorkflowJson;

/**
 * Hand-written workflow files ({@code sentio workflows new --file W.json}): any text either reads
 * as a workflow or is refused with one {@link WorkflowException} line naming the file.
 */
class WorkflowFileFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyWorkflowFileReadsOrIsRefusedInOneLine(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      Workflow workflow = WorkflowJson.read(text, "w.json");
      if (workflow == null) {
        throw new AssertionError("null workflow");
      }
    } catch (WorkflowException e) {
      FuzzFiles.assertOneLine(e);
      if (!e.getMessage().contains("w.json")) {
        throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
      }
    }
  }
}
