package org.sentio.automation.engine;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The skills at hand: the built-in ones, then those of each jar in the plug-in folder, each jar in
 * its own class loader. A jar that cannot be loaded, or whose skill throws while being made, is
 * listed as a problem and the others still load.
 */
public final class SkillRegistry implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** A loaded skill with where it came from. */
  public record LoadedSkill(Skill skill, String version, String source) {
    public String name() {
      return skill.name();
    }
  }

  private final Map<String, LoadedSkill> skills = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final List<URLClassLoader> loaders = new ArrayList<>();

  private SkillRegistry() {}

  /** The built-in skills and those of the jars in {@code pluginFolder} (may be null). */
  public static SkillRegistry load(Path pluginFolder) {
    SkillRegistry registry = new SkillRegistry();
    String builtInVersion =
        Optional.ofNullable(Skill.class.getPackage().getImplementationVersion()).orElse("built-in");
    registry.addAll(
        ServiceLoader.load(Skill.class, Skill.class.getClassLoader()), builtInVersion, "built-in");
    if (pluginFolder != null && Files.isDirectory(pluginFolder)) {
      List<Path> jars;
      try (Stream<Path> files = Files.list(pluginFolder)) {
        jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      } catch (IOException e) {
        registry.problems.add(pluginFolder + ": cannot list plug-ins (" + e.getMessage() + ")");
        jars = List.of();
      }
      for (Path jar : jars) {
        registry.loadJar(jar);
      }
    }
    return registry;
  }

  private void loadJar(Path jar) {
    URLClassLoader loader;
    String version;
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String declared =
          manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
      version = declared == null ? "unknown version" : declared;
      loader =
          new URLClassLoader(
              "plugin:" + jar.getFileName(),
              new URL[] {jar.toUri().toURL()},
              Skill.class.getClassLoader());
    } catch (IOException e) {
      problems.add(jar + ": not a readable jar (" + e.getMessage() + "); skipped");
      return;
    }
    loaders.add(loader);
    int before = skills.size();
    addAll(ServiceLoader.load(Skill.class, loader), version, jar.getFileName().toString());
    if (skills.size() == before && problems.stream().noneMatch(p -> p.startsWith(jarName(jar)))) {
      problems.add(
          jarName(jar)
              + ": no skill found (list it in META-INF/services/org.sentio.automation.engine.Skill)");
    }
  }

  private static String jarName(Path jar) {
    return jar.getFileName().toString();
  }

  private void addAll(ServiceLoader<Skill> loader, String version, String source) {
    var it = loader.iterator();
    while (true) {
      Skill skill;
      try {
        if (!it.hasNext()) {
          return;
        }
        skill = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        problems.add(source + ": a skill could not be loaded (" + rootMessage(e) + "); skipped");
        if (e instanceof LinkageError) {
          return;
        }
        continue;
      }
      String name;
      try {
        name = skill.name();
      } catch (RuntimeException | LinkageError e) {
        problems.add(source + ": a skill failed to say its name (" + rootMessage(e) + "); skipped");
        continue;
      }
      if (name == null || !NAME.matcher(name).matches()) {
        problems.add(source + ": skill name \"" + name + "\" is not lower-case letters and dashes");
      } else if (skills.containsKey(name)) {
        problems.add(
            source
                + ": skill \""
                + name
                + "\" is already provided by "
                + skills.get(name).source()
                + "; skipped");
      } else {
        skills.put(name, new LoadedSkill(skill, version, source));
      }
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  public Optional<LoadedSkill> skill(String name) {
    return Optional.ofNullable(skills.get(name));
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(skills.keySet());
  }

  public List<LoadedSkill> skills() {
    return List.copyOf(skills.values());
  }

  /** Plug-ins that did not load, one line each. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The plug-in folder beside the data: {@code <data>/plugins}. */
  public static Path pluginFolder(Path dataDirectory) {
    return dataDirectory.resolve("plugins");
  }

  @Override
  public void close() {
    for (URLClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException e) {
        // A jar that cannot be closed holds a file handle until exit; nothing else to do.
      }
    }
  }
}
