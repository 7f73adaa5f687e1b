package org.sentio.app.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.SentioHome;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.SkillRegistry;
import org.sentio.automation.workflow.ErrorPolicy;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.Workflow;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/**
 * Third-party skills: jars compiled here and dropped into {@code <data>/plugins} are loaded at
 * start with their version, each in its own class loader; one that throws fails its step only, and
 * one that cannot even be made is listed as a problem while the others load.
 */
class PluginSkillTest {
  @TempDir Path temp;

  private static final String SKILL_HEADER =
      "package example;\n"
          + "import java.util.List;\n"
          + "import org.sentio.automation.engine.*;\n"
          + "import org.sentio.automation.workflow.Step;\n";

  /** Compiles {@code source} (one public class {@code example.NAME}) into a plug-in jar. */
  private Path pluginJar(
      Path folder, String jarName, String className, String source, String version)
      throws Exception {
    Path src = Files.createDirectories(temp.resolve("src-" + jarName).resolve("example"));
    Path classes = Files.createDirectories(temp.resolve("classes-" + jarName));
    Files.writeString(src.resolve(className + ".java"), source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            src.resolve(className + ".java").toString());
    assertEquals(0, status, "the plug-in compiles");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path jar = Files.createDirectories(folder).resolve(jarName);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry("META-INF/services/org.sentio.automation.engine.Skill"));
      jarOut.write(("example." + className + "\n").getBytes(StandardCharsets.UTF_8));
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          jarOut.write(Files.readAllBytes(file));
        }
      }
    }
    return jar;
  }

  @Test
  void pluginsLoadWithTheirVersionAndAThrowingOneFailsOnlyItsStep() throws Exception {
    Path data = temp.resolve("data");
    Path plugins = SkillRegistry.pluginFolder(data);
    pluginJar(
        plugins,
        "shout.jar",
        "Shout",
        SKILL_HEADER
            + "public final class Shout implements Skill {\n"
            + "  public String name() { return \"shout\"; }\n"
            + "  public StepOutcome run(Step step, List<Item> input, SkillContext context) {\n"
            + "    return StepOutcome.done(input, \"HELLO\");\n"
            + "  }\n"
            + "}\n",
        "2.0.1");
    pluginJar(
        plugins,
        "exploding.jar",
        "Exploding",
        SKILL_HEADER
            + "public final class Exploding implements Skill {\n"
            + "  public String name() { return \"exploding\"; }\n"
            + "  public StepOutcome run(Step step, List<Item> input, SkillContext context) {\n"
            + "    throw new IllegalStateException(\"plug-in bug\");\n"
            + "  }\n"
            + "}\n",
        "1.2.3");
    pluginJar(
        plugins,
        "broken.jar",
        "Broken",
        SKILL_HEADER
            + "public final class Broken implements Skill {\n"
            + "  public Broken() { throw new IllegalStateException(\"cannot start\"); }\n"
            + "  public String name() { return \"broken\"; }\n"
            + "  public StepOutcome run(Step step, List<Item> input, SkillContext context) {\n"
            + "    return null;\n"
            + "  }\n"
            + "}\n",
        "0.1");
    Files.writeString(plugins.resolve("garbage.jar"), "not a zip");

    ByteArrayOutputStream notices = new ByteArrayOutputStream();
    FakeClock clock = new FakeClock(Instant.parse("2026-12-02T12:00:00Z"));
    try (WorkflowRuntime runtime =
        WorkflowRuntime.open(
            data,
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.parse("cpu"),
            new PrintStream(notices, true, StandardCharsets.UTF_8),
            clock,
            clock.sleeper())) {
      SkillRegistry skills = runtime.skills();
      assertEquals("2.0.1", skills.skill("shout").orElseThrow().version());
      assertEquals("exploding.jar", skills.skill("exploding").orElseThrow().source());
      assertEquals("built-in", skills.skill("analyse").orElseThrow().source());
      assertTrue(skills.skill("broken").isEmpty());
      List<String> problems = skills.problems();
      assertTrue(
          problems.stream()
              .anyMatch(
                  p ->
                      p.startsWith("broken.jar: a skill could not be loaded")
                          && p.contains("cannot start")),
          problems::toString);
      assertTrue(
          problems.stream()
              .anyMatch(p -> p.startsWith(plugins.resolve("garbage.jar") + ": not a readable jar")),
          problems::toString);
      assertTrue(notices.toString(StandardCharsets.UTF_8).contains("sentio: plug-in: broken.jar"));

      for (String skill : List.of("exploding", "shout")) {
        runtime
            .workflows()
            .saveWorkflow(
                new Workflow(
                    skill,
                    "json",
                    null,
                    Trigger.MANUAL,
                    List.of(new Step("s", skill, Map.of(), List.of(), ErrorPolicy.DEFAULT))),
                clock.instant());
      }
      Run exploded = runtime.workflows().run(runtime.engine().runNow("exploding")).orElseThrow();
      Run shouted = runtime.workflows().run(runtime.engine().runNow("shout")).orElseThrow();

      assertEquals(RunStatus.ROLLED_BACK, exploded.status());
      assertTrue(
          exploded
              .message()
              .startsWith(
                  "step s: skill exploding (exploding.jar, 1.2.3) failed: IllegalStateException:"
                      + " plug-in bug"),
          exploded.message());
      assertEquals(RunStatus.SUCCEEDED, shouted.status(), "the engine goes on");
    }
  }
}
