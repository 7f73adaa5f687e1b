package org.sentio.affect.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;

/** The explicit triage rules; see the package documentation for the table. */
public final class TriageRules {

  /** A red-flag cue: the phrases (English lower case, Chinese) that show it, and its level. */
  public record Cue(String name, int level, List<String> phrases) {}

  /** The red-flag cues, most urgent first. */
  public static final List<Cue> CUES =
      List.of(
          new Cue(
              "unresponsive / not breathing",
              1,
              List.of(
                  "unresponsive",
                  "not breathing",
                  "stopped breathing",
                  "no pulse",
                  "cardiac arrest",
                  "passed out and won't wake",
                  "不省人事",
                  "昏迷",
                  "没有呼吸",
                  "停止呼吸",
                  "没有脉搏",
                  "心脏骤停",
                  "叫不醒")),
          new Cue(
              "chest pain",
              2,
              List.of(
                  "chest pain",
                  "pain in my chest",
                  "chest tightness",
                  "crushing chest",
                  "pressure in my chest",
                  "胸痛",
                  "胸口痛",
                  "胸口疼",
                  "胸闷",
                  "心口痛")),
          new Cue(
              "can't breathe",
              2,
              List.of(
                  "can't breathe",
                  "cannot breathe",
                  "can not breathe",
                  "short of breath",
                  "shortness of breath",
                  "difficulty breathing",
                  "trouble breathing",
                  "struggling to breathe",
                  "呼吸困难",
                  "喘不上气",
                  "喘不过气",
                  "上不来气",
                  "透不过气")),
          new Cue(
              "stroke signs",
              2,
              List.of(
                  "stroke",
                  "face drooping",
                  "facial droop",
                  "slurred speech",
                  "can't speak",
                  "weakness on one side",
                  "numbness on one side",
                  "one side of my body",
                  "arm is weak",
                  "sudden confusion",
                  "中风",
                  "脑卒中",
                  "口齿不清",
                  "说话不清",
                  "口角歪斜",
                  "嘴歪",
                  "一侧无力",
                  "半身无力",
                  "半边身子",
                  "手脚发麻")),
          new Cue(
              "severe bleeding",
              2,
              List.of(
                  "severe bleeding",
                  "bleeding heavily",
                  "heavy bleeding",
                  "won't stop bleeding",
                  "bleeding a lot",
                  "vomiting blood",
                  "coughing up blood",
                  "大出血",
                  "流血不止",
                  "出血不止",
                  "吐血",
                  "咯血")),
          new Cue(
              "worst headache / head injury",
              2,
              List.of(
                  "worst headache",
                  "thunderclap headache",
                  "hit my head",
                  "head injury",
                  "剧烈头痛",
                  "头痛欲裂",
                  "撞到头",
                  "头部受伤")),
          new Cue("seizure", 2, List.of("seizure", "convulsion", "fitting", "抽搐", "癫痫发作", "抽筋倒地")),
          new Cue(
              "self-harm / suicidal",
              2,
              List.of(
                  "kill myself", "suicide", "suicidal", "end my life", "自杀", "不想活", "想死", "轻生")),
          new Cue(
              "overdose / poisoning",
              2,
              List.of("overdose", "poisoning", "swallowed pills", "吃了很多药", "服药过量", "中毒")),
          new Cue(
              "anaphylaxis",
              2,
              List.of(
                  "throat swelling",
                  "throat is closing",
                  "anaphylaxis",
                  "severe allergic",
                  "喉咙肿",
                  "喉咙发紧",
                  "严重过敏",
                  "过敏性休克")));

  private static final List<String> NEGATIONS_EN =
      List.of("no ", "not ", "denies ", "denied ", "without ", "never ", "don't have ", "no more ");
  private static final List<String> NEGATIONS_ZH = List.of("没有", "没", "无", "不", "否认", "未");

  private TriageRules() {}

  /** Applies every rule. */
  public static TriageCard assess(TriageInput in) {
    List<Contribution> out = new ArrayList<>();
    complaint(in.complaint(), out);
    vitals(in.vitals(), out);
    distress(in.distress(), out);
    if (in.imaging() != null) {
      ImagingFinding f = in.imaging();
      String evidence =
          String.format(
              Locale.ROOT,
              "%s: score %.2f, threshold %.2f (%s; validation: %s)",
              f.finding(),
              f.score(),
              f.threshold(),
              f.model(),
              f.validation());
      out.add(
          new Contribution(
              Contribution.Source.IMAGING,
              f.positive()
                  ? "imaging finding: " + f.finding()
                  : "imaging: no finding above threshold",
              evidence,
              f.positive() ? 2 : 5,
              Math.max(0, Math.min(1, f.score()))));
    }
    int level = out.stream().mapToInt(Contribution::suggestedLevel).min().orElse(5);
    if (level > 4) {
      out.add(
          new Contribution(
              Contribution.Source.DEFAULT,
              "no red flag, danger-zone vital or high distress: level 4 by default; choose 3, 4 or 5 by"
                  + " expected resources",
              "",
              4,
              1.0));
      level = 4;
    }
    out.sort(
        Comparator.comparingInt(Contribution::suggestedLevel)
            .thenComparing(Comparator.comparingDouble(Contribution::weight).reversed()));
    return new TriageCard(level, List.copyOf(out));
  }

  static void complaint(String text, List<Contribution> out) {
    String t = text.toLowerCase(Locale.ROOT).replace('’', '\'');
    for (Cue cue : CUES) {
      for (String phrase : cue.phrases()) {
        int at = findUnnegated(t, phrase);
        if (at >= 0) {
          out.add(
              new Contribution(
                  Contribution.Source.COMPLAINT,
                  "red-flag cue: " + cue.name(),
                  "\"" + text.substring(at, Math.min(text.length(), at + phrase.length())) + "\"",
                  cue.level(),
                  1.0));
          break;
        }
      }
    }
  }

  /** The first occurrence of the phrase not preceded by a negation in the same clause, or -1. */
  static int findUnnegated(String text, String phrase) {
    int from = 0;
    while (true) {
      int at = text.indexOf(phrase, from);
      if (at < 0) {
        return -1;
      }
      boolean latin = phrase.charAt(0) < 0x80;
      if (latin
          && ((at > 0 && Character.isLetter(text.charAt(at - 1)))
              || (at + phrase.length() < text.length()
                  && Character.isLetter(text.charAt(at + phrase.length()))
                  && phrase.length() < 7))) {
        from = at + 1;
        continue; // part of a longer word
      }
      if (!negated(text, at, latin)) {
        return at;
      }
      from = at + 1;
    }
  }

  private static boolean negated(String text, int at, boolean latin) {
    int clauseStart = at;
    while (clauseStart > 0 && ".,;!?。，；！？\n".indexOf(text.charAt(clauseStart - 1)) < 0) {
      clauseStart--;
    }
    String before = text.substring(Math.max(clauseStart, at - (latin ? 30 : 3)), at);
    if (latin) {
      String padded = " " + before;
      for (String n : NEGATIONS_EN) {
        if (padded.contains(" " + n)) {
          return true;
        }
      }
      return false;
    }
    for (String n : NEGATIONS_ZH) {
      if (before.endsWith(n) || before.contains(n)) {
        return true;
      }
    }
    return false;
  }

  static void vitals(Vitals v, List<Contribution> out) {
    v.get(Vital.SPO2)
        .ifPresent(
            s -> {
              if (s < 85) {
                add(out, Vital.SPO2, s, "SpO2 below 85 %", 1);
              } else if (s < 92) {
                add(out, Vital.SPO2, s, "SpO2 below 92 % (danger zone)", 2);
              }
            });
    v.get(Vital.HEART_RATE)
        .ifPresent(
            h -> {
              if (h < 40 || h > 150) {
                add(out, Vital.HEART_RATE, h, "heart rate below 40 or above 150 /min", 1);
              } else if (h > 100) {
                add(out, Vital.HEART_RATE, h, "heart rate above 100 /min (danger zone)", 2);
              } else if (h < 50) {
                add(out, Vital.HEART_RATE, h, "heart rate below 50 /min", 3);
              }
            });
    v.get(Vital.RESPIRATORY_RATE)
        .ifPresent(
            r -> {
              if (r < 8 || r > 35) {
                add(out, Vital.RESPIRATORY_RATE, r, "respiratory rate below 8 or above 35 /min", 1);
              } else if (r > 20) {
                add(
                    out,
                    Vital.RESPIRATORY_RATE,
                    r,
                    "respiratory rate above 20 /min (danger zone)",
                    2);
              }
            });
    v.get(Vital.SYSTOLIC_BP)
        .ifPresent(
            s -> {
              if (s < 80) {
                add(out, Vital.SYSTOLIC_BP, s, "systolic below 80 mmHg (shock)", 1);
              } else if (s < 90) {
                add(out, Vital.SYSTOLIC_BP, s, "systolic below 90 mmHg (danger zone)", 2);
              } else if (s >= 180) {
                add(out, Vital.SYSTOLIC_BP, s, "systolic 180 mmHg or more (danger zone)", 2);
              }
            });
    v.get(Vital.DIASTOLIC_BP)
        .ifPresent(
            d -> {
              if (d >= 120) {
                add(out, Vital.DIASTOLIC_BP, d, "diastolic 120 mmHg or more (danger zone)", 2);
              }
            });
    v.get(Vital.TEMPERATURE)
        .ifPresent(
            t -> {
              if (t >= 39.5 || t < 35) {
                add(out, Vital.TEMPERATURE, t, "temperature 39.5 °C or more, or below 35 °C", 2);
              } else if (t >= 38) {
                add(out, Vital.TEMPERATURE, t, "fever 38.0–39.4 °C", 3);
              }
            });
    v.get(Vital.PAIN)
        .ifPresent(
            p -> {
              if (p >= 7) {
                add(out, Vital.PAIN, p, "severe pain (7–10)", 2);
              } else if (p >= 4) {
                add(out, Vital.PAIN, p, "moderate pain (4–6)", 3);
              }
            });
  }

  private static void add(List<Contribution> out, Vital vital, double value, String rule, int lvl) {
    out.add(
        new Contribution(
            Contribution.Source.VITALS,
            rule,
            vital.label() + " " + Vital.fmt(value) + " " + vital.unit(),
            lvl,
            1.0));
  }

  /** High distress threshold on the [0, 1] distress score. */
  public static final double HIGH_DISTRESS = 0.7;

  /** Minimum confidence for distress to count. */
  public static final double MIN_CONFIDENCE = 0.5;

  /**
   * Distress of one estimate in [0, 1]: the probability of fearful, sad, angry or disgusted when
   * categories are present, else negative valence scaled by arousal ((−valence + max(arousal, 0)) /
   * 2).
   */
  public static double distress(AffectEstimate e) {
    if (!e.isPresent()) {
      return 0;
    }
    if (e.hasEmotions()) {
      return Math.min(
          1,
          e.emotions().get(Emotion.FEARFUL)
              + e.emotions().get(Emotion.SAD)
              + e.emotions().get(Emotion.ANGRY)
              + e.emotions().get(Emotion.DISGUSTED));
    }
    double neg = e.hasValence() ? Math.max(0, -e.valence()) : 0;
    double ar = e.hasArousal() ? Math.max(0, e.arousal()) : 0;
    return Math.min(1, (neg + ar) / 2);
  }

  static void distress(List<AffectEstimate> estimates, List<Contribution> out) {
    for (Modality m : List.of(Modality.VOICE, Modality.FACE)) {
      double sum = 0;
      double conf = 0;
      int n = 0;
      for (AffectEstimate e : estimates) {
        if (e.modality() == m && e.isPresent()) {
          sum += distress(e) * e.confidence();
          conf += e.confidence();
          n++;
        }
      }
      if (n == 0 || conf == 0) {
        continue;
      }
      double score = sum / conf;
      double meanConf = conf / n;
      Contribution.Source src =
          m == Modality.VOICE ? Contribution.Source.VOICE : Contribution.Source.FACE;
      boolean high = score >= HIGH_DISTRESS && meanConf >= MIN_CONFIDENCE;
      out.add(
          new Contribution(
              src,
              high ? m.label() + " distress high" : m.label() + " distress not high",
              String.format(
                  Locale.ROOT, "distress %.2f, confidence %.2f, %d window(s)", score, meanConf, n),
              high ? 3 : 5,
              score * meanConf));
    }
  }
}
