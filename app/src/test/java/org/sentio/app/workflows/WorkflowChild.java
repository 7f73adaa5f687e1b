package org.sentio.app.workflows;

import java.nio.file.Path;
import java.time.Clock;
import org.sentio.app.SentioHome;
import org.sentio.automation.engine.Sleeper;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/** A runner in its own JVM, for the test that kills it half-way: {@code DATA_DIR WORKFLOW}. */
public final class WorkflowChild {
  private WorkflowChild() {}

  public static void main(String[] args) throws Exception {
    try (WorkflowRuntime runtime =
        WorkflowRuntime.open(
            Path.of(args[0]),
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.parse("cpu"),
            System.err,
            Clock.systemUTC(),
            Sleeper.REAL)) {
      runtime.engine().runNow(args[1]);
    }
  }
}
