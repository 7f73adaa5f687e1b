package org.sentio.affect.deidentify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hand-written test sets {@code deidentify/pii-en.txt} and {@code pii-zh.txt} and the scores of
 * a redactor on them. An entity is found when every non-blank character of it lies inside some
 * redaction (whatever kind the redactor called it: what matters is that it is gone); a redaction is
 * right when it overlaps an entity.
 */
final class RedactionTestSet {
  private static final Pattern MARK = Pattern.compile("\\[\\[([A-Z]+):(.+?)]]");

  record Entity(PiiKind kind, int start, int end) {}

  record Item(String text, List<Entity> entities) {}

  record Score(
      Map<PiiKind, int[]> foundOfKind,
      int entities,
      int found,
      int redactions,
      int right,
      List<String> misses,
      List<String> wrong) {
    double recall() {
      return found / (double) entities;
    }

    double precision() {
      return redactions == 0 ? 1 : right / (double) redactions;
    }
  }

  private RedactionTestSet() {}

  static List<Item> read(String resource) throws IOException {
    List<Item> items = new ArrayList<>();
    try (InputStream in = RedactionTestSet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        StringBuilder text = new StringBuilder();
        List<Entity> entities = new ArrayList<>();
        Matcher m = MARK.matcher(line);
        int at = 0;
        while (m.find()) {
          text.append(line, at, m.start());
          int start = text.length();
          text.append(m.group(2));
          entities.add(new Entity(PiiKind.valueOf(m.group(1)), start, text.length()));
          at = m.end();
        }
        text.append(line.substring(at));
        items.add(new Item(text.toString(), entities));
      }
    }
    return items;
  }

  static Score score(TextRedactor redactor, List<Item> items) {
    Map<PiiKind, int[]> byKind = new EnumMap<>(PiiKind.class);
    int entities = 0;
    int found = 0;
    int redactions = 0;
    int right = 0;
    List<String> misses = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Item item : items) {
      List<Redaction> got = redactor.find(item.text());
      boolean[] covered = new boolean[item.text().length()];
      for (Redaction r : got) {
        for (int i = r.start(); i < r.end(); i++) {
          covered[i] = true;
        }
      }
      for (Entity e : item.entities()) {
        entities++;
        int[] counts = byKind.computeIfAbsent(e.kind(), k -> new int[2]);
        counts[1]++;
        boolean gone = true;
        for (int i = e.start(); i < e.end(); i++) {
          if (!Character.isWhitespace(item.text().charAt(i)) && !covered[i]) {
            gone = false;
          }
        }
        if (gone) {
          found++;
          counts[0]++;
        } else {
          misses.add(
              e.kind() + " '" + item.text().substring(e.start(), e.end()) + "' in: " + item.text());
        }
      }
      for (Redaction r : got) {
        redactions++;
        boolean hits =
            item.entities().stream().anyMatch(e -> r.start() < e.end() && e.start() < r.end());
        if (hits) {
          right++;
        } else {
          wrong.add(
              r.kind() + " '" + item.text().substring(r.start(), r.end()) + "' in: " + item.text());
        }
      }
    }
    return new Score(byKind, entities, found, redactions, right, misses, wrong);
  }
}
