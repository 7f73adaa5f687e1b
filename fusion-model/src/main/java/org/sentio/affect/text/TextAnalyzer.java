package org.sentio.affect.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Embedding;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;

/**
 * Reads the affect of one utterance from its words, with a lexicon and a few rules.
 *
 * <ol>
 *   <li>The language is detected per utterance by script ({@link Language#detect}); English and
 *       Chinese are read, other scripts give an absent estimate ({@link AbsenceReason#UNREADABLE}).
 *   <li>The utterance is tokenised ({@link Tokenizer}) and matched against the language's {@link
 *       Lexicon}, longest term first (so "thank you", "no problem", 不错, 太慢 win over their parts).
 *       English words not in the lexicon are retried without a common suffix (-s, -ed, -ing, -ly);
 *       any English word ending in "n't" is a negator.
 *   <li><b>Negation.</b> A negator opens a scope of {@value #NEGATION_SCOPE} following content
 *       words, closed early by punctuation or a contrastive conjunction ("but", 但是); a second
 *       negator in the scope cancels the first. A cue word in scope is moved: a word of positive
 *       valence (happy, satisfied, 开心) counts for <em>sad</em> at {@value #NEGATED_POSITIVE_WEIGHT}
 *       of its strength with its valence flipped and scaled by {@value #NEGATED_POSITIVE_VALENCE}
 *       ("not happy" is unhappy, a little less so than "sad"); any other word (angry, sad, afraid,
 *       surprised, 生气) counts for <em>neutral</em> at {@value #NEGATED_OTHER_WEIGHT} of its
 *       strength with its valence flipped and scaled by {@value #NEGATED_OTHER_VALENCE} ("not
 *       angry" is calm, "not bad" mildly good).
 *   <li><b>Intensifiers</b> ("very", 非常) multiply the strength of the next cue within two content
 *       words by their factor; softeners ("slightly", 有点) have factors below 1. A boosting
 *       intensifier inside a negation scope is ignored ("not very happy" is no stronger than "not
 *       happy").
 *   <li><b>Contrast.</b> A contrastive conjunction ("but", "however", 但是, 不过) ends the clause and
 *       halves ({@value #CONTRAST_DISCOUNT}) the weight of every cue before it: what follows "but"
 *       is what the speaker means ("friendly, but the wait was ridiculous" reads angry).
 *   <li><b>Emphasis.</b> Each exclamation mark (up to three) raises the strength of every
 *       non-neutral cue by {@value #EXCLAMATION_STEP}; an English cue written in capitals (three or
 *       more letters) by {@value #SHOUT_FACTOR}.
 *   <li><b>Scores.</b> Each category's score is the sum of its cue weights, plus {@value
 *       #NEUTRAL_PRIOR} of residual mass on neutral and {@value #SMOOTHING} on every category; the
 *       distribution is the normalised scores, so one weak cue leaves the utterance mostly neutral
 *       and more cues outweigh the residual.
 *   <li><b>Valence</b> is the weight-averaged cue valence shrunk towards 0 when evidence is thin;
 *       <b>arousal</b> is derived from the categories' typical arousal (Russell's circumplex: angry
 *       high, sad low) and the exclamation marks, shrunk the same way.
 *   <li><b>Confidence</b> grows with the total cue weight (saturating), and is lowered when cues
 *       disagree; without any cue the estimate is neutral with confidence {@value
 *       #BASE_CONFIDENCE}.
 * </ol>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class TextAnalyzer {
  static final int NEGATION_SCOPE = 3;
  static final int INTENSIFIER_SCOPE = 2;
  static final double NEGATED_POSITIVE_WEIGHT = 0.7;
  static final double NEGATED_POSITIVE_VALENCE = 0.6;
  static final double NEGATED_OTHER_WEIGHT = 0.5;
  static final double NEGATED_OTHER_VALENCE = 0.3;
  static final double EXCLAMATION_STEP = 0.15;
  static final int MAX_EXCLAMATIONS = 3;
  static final double SHOUT_FACTOR = 1.25;
  static final double MAX_INTENSITY = 2.5;
  static final double CONTRAST_DISCOUNT = 0.5;
  static final double NEUTRAL_PRIOR = 0.5;
  static final double SMOOTHING = 0.01;
  static final double VALENCE_SHRINK = 0.3;
  static final double BASE_CONFIDENCE = 0.1;
  static final double MAX_CONFIDENCE = 0.9;
  static final double EVIDENCE_SCALE = 0.8;

  /** Typical arousal of each category (indexed by ordinal), after Russell's circumplex. */
  private static final double[] TYPICAL_AROUSAL = {-0.2, 0.4, -0.5, 0.8, 0.6, 0.2, 0.7};

  private static final List<String> ENGLISH_CONTRASTS =
      List.of("but", "however", "although", "though", "yet");
  private static final List<String> CHINESE_CONTRASTS = List.of("但是", "但", "可是", "不过", "然而");
  private static final String[][] ENGLISH_SUFFIXES = {
    {"'s", ""}, {"ies", "y"}, {"ied", "y"}, {"ily", "y"}, {"es", ""}, {"s", ""}, {"ed", ""},
    {"ed", "e"}, {"d", ""}, {"ing", ""}, {"ing", "e"}, {"ly", ""}, {"iness", "y"}, {"ness", ""}
  };

  /**
   * With a trained model, the weight of the lexicon-and-rules valence where the lexicon finds cues
   * (the rest is the model's): the models learn negation only from data that rarely negates emotion
   * words, while the rules handle "not happy" by construction. Chosen on the held-out splits for
   * the agreement of valence's sign with the label's (English 0.809 model only, 0.819 at 0.5;
   * Chinese 0.830 model only, 0.834 at 0.25; see the model cards).
   */
  static final double ENGLISH_LEXICON_VALENCE_WEIGHT = 0.5;

  static final double CHINESE_LEXICON_VALENCE_WEIGHT = 0.25;

  private final Lexicon english;
  private final Lexicon chinese;
  private final TextAffectModel englishModel;
  private final TextAffectModel chineseModel;

  /** An analyzer with the lexicons shipped with Sentio. */
  public TextAnalyzer() {
    this(Lexicon.bundled(Language.EN), Lexicon.bundled(Language.ZH));
  }

  /** An analyzer with the given lexicons (e.g. a user's edited copy). */
  public TextAnalyzer(Lexicon english, Lexicon chinese) {
    this(english, chinese, null, null);
  }

  /**
   * An analyzer that reads categories and valence with the trained text-affect models open in
   * {@code englishModel} and {@code chineseModel} (either may be null: that language then uses the
   * lexicon alone), with the shipped lexicons for negation-aware valence. The sessions are shared,
   * not closed here.
   */
  public TextAnalyzer(
      org.sentio.runtime.ModelSession englishModel, org.sentio.runtime.ModelSession chineseModel) {
    this(
        Lexicon.bundled(Language.EN),
        Lexicon.bundled(Language.ZH),
        englishModel == null ? null : new TextAffectModel(englishModel, Language.EN),
        chineseModel == null ? null : new TextAffectModel(chineseModel, Language.ZH));
  }

  /**
   * An analyzer on opened text-affect models (either may be null: that language then uses the
   * lexicon alone), n-gram or encoder models alike; they stay open, their owner closes them.
   */
  public TextAnalyzer(TextAffectModel englishModel, TextAffectModel chineseModel) {
    this(Lexicon.bundled(Language.EN), Lexicon.bundled(Language.ZH), englishModel, chineseModel);
  }

  private TextAnalyzer(
      Lexicon english,
      Lexicon chinese,
      TextAffectModel englishModel,
      TextAffectModel chineseModel) {
    this.english = english;
    this.chinese = chinese;
    this.englishModel = englishModel;
    this.chineseModel = chineseModel;
  }

  /** Whether utterances in {@code language} are read by a trained model. */
  public boolean usesModel(Language language) {
    return (language == Language.EN ? englishModel : language == Language.ZH ? chineseModel : null)
        != null;
  }

  /**
   * The text estimate of one utterance: absent with {@link AbsenceReason#NO_TEXT} when it is null
   * or blank, absent with {@link AbsenceReason#UNREADABLE} when it is neither English nor Chinese,
   * otherwise present with categories, valence, arousal and confidence.
   */
  public AffectEstimate analyze(String utterance) {
    if (utterance == null || utterance.isBlank()) {
      return AffectEstimate.absent(
          Modality.TEXT, AbsenceReason.NO_TEXT, AbsenceDetail.NO_WORDS_IN_WINDOW.text());
    }
    Language language = Language.detect(utterance);
    if (language == Language.OTHER) {
      return AffectEstimate.absent(
          Modality.TEXT, AbsenceReason.UNREADABLE, AbsenceDetail.TEXT_LANGUAGE_NOT_READ.text());
    }
    List<TextCue> cues = cues(utterance, language);
    AffectEstimate rules = estimate(cues, countExclamations(utterance));
    TextAffectModel model = language == Language.EN ? englishModel : chineseModel;
    if (model == null) {
      return rules;
    }
    TextAffectModel.Reading reading;
    try {
      reading = model.predict(utterance);
    } catch (org.sentio.runtime.ModelException e) {
      return AffectEstimate.absent(Modality.TEXT, AbsenceReason.UNREADABLE, e.getMessage());
    }
    double weight =
        language == Language.EN ? ENGLISH_LEXICON_VALENCE_WEIGHT : CHINESE_LEXICON_VALENCE_WEIGHT;
    double valence =
        cues.isEmpty()
            ? reading.valence()
            : (1 - weight) * reading.valence() + weight * rules.valence();
    double arousal = 0;
    for (Emotion e : Emotion.values()) {
      arousal += reading.emotions().get(e) * TYPICAL_AROUSAL[e.ordinal()];
    }
    double top = reading.emotions().get(reading.emotions().top());
    double confidence = Math.max(BASE_CONFIDENCE, Math.min(MAX_CONFIDENCE, top));
    return AffectEstimate.present(
            Modality.TEXT,
            reading.emotions(),
            Math.max(-1, Math.min(1, valence)),
            Math.max(-1, Math.min(1, arousal)),
            confidence)
        .withEmbedding(
            reading.embedding() == null
                ? null
                : new Embedding(model.session().model().name(), reading.embedding()));
  }

  /** The cue words found in an utterance, with negation and emphasis applied. */
  public List<TextCue> cues(String utterance) {
    if (utterance == null) {
      return List.of();
    }
    Language language = Language.detect(utterance);
    return language == Language.OTHER ? List.of() : cues(utterance, language);
  }

  private List<TextCue> cues(String utterance, Language language) {
    List<Unit> units = language == Language.EN ? englishUnits(utterance) : chineseUnits(utterance);
    double exclamation = 1 + EXCLAMATION_STEP * countExclamations(utterance);
    List<TextCue> cues = new ArrayList<>();
    boolean negated = false;
    int negationLeft = 0;
    double intensity = 1;
    int intensityLeft = 0;
    for (Unit unit : units) {
      switch (unit.kind) {
        case BOUNDARY, CONTRAST -> {
          if (unit.kind == UnitKind.CONTRAST) {
            cues.replaceAll(
                c ->
                    new TextCue(
                        c.term(),
                        c.lexiconEmotion(),
                        c.emotion(),
                        c.weight() * CONTRAST_DISCOUNT,
                        c.valence(),
                        c.negated()));
          }
          negated = false;
          negationLeft = 0;
          intensity = 1;
          intensityLeft = 0;
        }
        case NEGATOR -> {
          negated = negationLeft > 0 ? !negated : true;
          negationLeft = NEGATION_SCOPE;
        }
        case INTENSIFIER -> {
          boolean inNegation = negationLeft > 0 && negated;
          if (!(inNegation && unit.factor > 1)) {
            intensity = Math.min(MAX_INTENSITY, intensity * unit.factor);
          }
          intensityLeft = INTENSIFIER_SCOPE;
        }
        case CUE, OTHER -> {
          if (unit.kind == UnitKind.CUE) {
            boolean inNegation = negationLeft > 0 && negated;
            double emphasis = unit.shouted ? SHOUT_FACTOR : 1;
            if (unit.entry.emotion() != Emotion.NEUTRAL) {
              emphasis *= exclamation;
            }
            double factor = (intensityLeft > 0 ? intensity : 1) * emphasis;
            cues.add(cue(unit.entry, factor, inNegation));
            intensity = 1;
            intensityLeft = 0;
          }
          if (intensityLeft > 0 && --intensityLeft == 0) {
            intensity = 1;
          }
          if (negationLeft > 0 && --negationLeft == 0) {
            negated = false;
          }
        }
      }
    }
    return List.copyOf(cues);
  }

  private static TextCue cue(LexiconEntry entry, double factor, boolean negated) {
    double weight = entry.strength() * factor;
    if (!negated) {
      return new TextCue(
          entry.term(), entry.emotion(), entry.emotion(), weight, entry.valence(), false);
    }
    if (entry.valence() > 0) {
      return new TextCue(
          entry.term(),
          entry.emotion(),
          Emotion.SAD,
          weight * NEGATED_POSITIVE_WEIGHT,
          -NEGATED_POSITIVE_VALENCE * entry.valence(),
          true);
    }
    return new TextCue(
        entry.term(),
        entry.emotion(),
        Emotion.NEUTRAL,
        weight * NEGATED_OTHER_WEIGHT,
        -NEGATED_OTHER_VALENCE * entry.valence(),
        true);
  }

  private static AffectEstimate estimate(List<TextCue> cues, int exclamations) {
    double[] scores = new double[Emotion.COUNT];
    java.util.Arrays.fill(scores, SMOOTHING);
    scores[Emotion.NEUTRAL.ordinal()] += NEUTRAL_PRIOR;
    double evidence = 0;
    double valenceSum = 0;
    double arousalSum = 0;
    for (TextCue cue : cues) {
      scores[cue.emotion().ordinal()] += cue.weight();
      evidence += cue.weight();
      valenceSum += cue.weight() * cue.valence();
      arousalSum += cue.weight() * TYPICAL_AROUSAL[cue.emotion().ordinal()];
    }
    EmotionDistribution distribution = EmotionDistribution.normalise(scores);
    double valence = clamp(valenceSum / (evidence + VALENCE_SHRINK));
    double arousal =
        clamp(
            arousalSum / (evidence + NEUTRAL_PRIOR)
                + 0.1 * Math.min(exclamations, MAX_EXCLAMATIONS));
    double confidence = BASE_CONFIDENCE;
    if (evidence > 0) {
      double top = 0;
      for (int i = 0; i < scores.length; i++) {
        double cueWeight = scores[i] - SMOOTHING - (i == 0 ? NEUTRAL_PRIOR : 0);
        top = Math.max(top, cueWeight);
      }
      double agreement = top / evidence;
      double saturation = 1 - Math.exp(-evidence / EVIDENCE_SCALE);
      confidence =
          BASE_CONFIDENCE
              + (MAX_CONFIDENCE - BASE_CONFIDENCE) * saturation * (0.5 + 0.5 * agreement);
    }
    return AffectEstimate.present(Modality.TEXT, distribution, valence, arousal, confidence);
  }

  private static double clamp(double value) {
    return Math.max(-1, Math.min(1, value));
  }

  private static int countExclamations(String utterance) {
    int count = 0;
    for (int i = 0; i < utterance.length(); i++) {
      char c = utterance.charAt(i);
      if (c == '!' || c == '\uff01') {
        count++;
      }
    }
    return Math.min(count, MAX_EXCLAMATIONS);
  }

  private enum UnitKind {
    CUE,
    NEGATOR,
    INTENSIFIER,
    BOUNDARY,
    CONTRAST,
    OTHER
  }

  private record Unit(UnitKind kind, LexiconEntry entry, double factor, boolean shouted) {
    static final Unit BOUNDARY = new Unit(UnitKind.BOUNDARY, null, 1, false);
    static final Unit CONTRAST = new Unit(UnitKind.CONTRAST, null, 1, false);
    static final Unit OTHER = new Unit(UnitKind.OTHER, null, 1, false);
    static final Unit NEGATOR = new Unit(UnitKind.NEGATOR, null, 1, false);
  }

  /** Classifies a matched term; {@code null} when the lexicon does not know it. */
  private static Unit classify(Lexicon lexicon, String term, boolean shouted) {
    Optional<LexiconEntry> entry = lexicon.entry(term);
    if (entry.isPresent()) {
      return entry.get().isCue() ? new Unit(UnitKind.CUE, entry.get(), 1, shouted) : Unit.OTHER;
    }
    if (lexicon.isNegator(term)) {
      return Unit.NEGATOR;
    }
    OptionalDouble factor = lexicon.intensifier(term);
    if (factor.isPresent()) {
      return new Unit(UnitKind.INTENSIFIER, null, factor.getAsDouble(), shouted);
    }
    return null;
  }

  private List<Unit> englishUnits(String utterance) {
    List<Tokenizer.Token> tokens = Tokenizer.englishTokens(utterance);
    List<Unit> units = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Tokenizer.Token token = tokens.get(i);
      if (token.boundary() || ENGLISH_CONTRASTS.contains(token.text())) {
        units.add(token.boundary() ? Unit.BOUNDARY : Unit.CONTRAST);
        i++;
        continue;
      }
      int matched = 0;
      Unit unit = null;
      int limit = Math.min(english.longestTerm(), tokens.size() - i);
      StringBuilder phrase = new StringBuilder();
      boolean shouted = false;
      for (int n = 1; n <= limit; n++) {
        Tokenizer.Token next = tokens.get(i + n - 1);
        if (next.boundary()) {
          break;
        }
        if (n > 1) {
          phrase.append(' ');
        }
        phrase.append(next.text());
        shouted |= next.shouted();
        Unit candidate = classify(english, phrase.toString(), shouted);
        if (candidate != null) {
          unit = candidate;
          matched = n;
        }
      }
      if (unit == null) {
        unit = englishFallback(token);
        matched = 1;
      }
      units.add(unit);
      i += matched;
    }
    return units;
  }

  private Unit englishFallback(Tokenizer.Token token) {
    String word = token.text();
    if (word.endsWith("n't") || word.equals("cannot")) {
      return Unit.NEGATOR;
    }
    for (String[] suffix : ENGLISH_SUFFIXES) {
      if (word.length() > suffix[0].length() + 2 && word.endsWith(suffix[0])) {
        String stem = word.substring(0, word.length() - suffix[0].length()) + suffix[1];
        Optional<LexiconEntry> entry = english.entry(stem);
        if (entry.isPresent() && entry.get().isCue()) {
          return new Unit(UnitKind.CUE, entry.get(), 1, token.shouted());
        }
      }
    }
    return Unit.OTHER;
  }

  private List<Unit> chineseUnits(String utterance) {
    List<Unit> units = new ArrayList<>();
    for (Tokenizer.Token token : Tokenizer.chineseTokens(utterance, chinese)) {
      if (token.boundary() || CHINESE_CONTRASTS.contains(token.text())) {
        units.add(token.boundary() ? Unit.BOUNDARY : Unit.CONTRAST);
        continue;
      }
      Unit unit = classify(chinese, token.text(), false);
      if (unit == null) {
        // A Latin word inside Chinese text ("refund", "OK"): a cue if the English lexicon has it.
        unit = classify(english, token.text(), false);
        if (unit == null || unit.kind != UnitKind.CUE) {
          unit = Unit.OTHER;
        }
      }
      units.add(unit);
    }
    return units;
  }
}
