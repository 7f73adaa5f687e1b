package org.sentio.affect.deidentify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces personal data in English and Chinese transcript text: names, phone numbers,
 * e-mail addresses (written and spoken), street addresses, ID numbers and payment card numbers.
 *
 * <p>Rules, not a statistical model: patterns for the structured kinds, the Luhn check for card
 * numbers and the GB 11643 check character for Chinese ID numbers (so that an order total or a date
 * is not taken for one), and for names lists of common given names and surnames with the cues
 * around them ("my name is …", "Dr …", "我叫…", "…先生"). Spans found by several rules are resolved by
 * a fixed priority, checked kinds first. Its recall and precision on a hand-written test set are in
 * docs/reliability.md; names that come with no cue are the weak spot.
 */
public final class TextRedactor {
  private static final String RESOURCES = "/org/sentio/affect/deidentify/";

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /** An address as speech recognition writes it: "jane dot doe at example dot com". */
  private static final Pattern SPOKEN_EMAIL =
      Pattern.compile(
          "(?i)(?<![\\p{L}\\d])[a-z0-9]+(?:\\s+(?:dot|underscore|dash)\\s+[a-z0-9]+)*\\s+at\\s+"
              + "[a-z0-9]+(?:\\s+dot\\s+[a-z]{2,})+(?![\\p{L}\\d])");

  private static final Pattern CARD =
      Pattern.compile("(?<![\\d.,])\\d(?:[ -]?\\d){12,18}(?![\\d])");

  private static final Pattern CHINESE_ID =
      Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])");

  private static final Pattern CHINESE_MOBILE =
      Pattern.compile("(?<![\\d+])(?:(?:\\+|00)86[ -]?)?1[3-9]\\d(?:[ -]?\\d){8}(?!\\d)");

  private static final Pattern CHINESE_LANDLINE =
      Pattern.compile("(?<!\\d)0\\d{2,3}-\\d{7,8}(?!\\d)");

  /** North American numbers: "(415) 555-0132", "+1 312 555 0148", "646.555.0111". */
  private static final Pattern NANP_PHONE =
      Pattern.compile(
          "(?<![\\w+])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?!\\d)");

  /** International ("+44 20 7946 0958") and national trunk-prefixed ("07700 900123") numbers. */
  private static final Pattern INTERNATIONAL_PHONE =
      Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}|0\\d{1,4})(?:[ .-]?\\d{2,4}){2,4}(?!\\d)");

  private static final Pattern SOCIAL_SECURITY =
      Pattern.compile("(?<!\\d)\\d{3}-\\d{2}-\\d{4}(?!\\d)");

  private static final String ID_VALUE = "((?:[A-Z]{1,4}[ -]?)?\\d[\\dA-Z]*(?:[ -]\\d[\\dA-Z]*)*)";
  private static final String ID_CUE_WORDS =
      "passport|licen[cs]e|account|member(?:ship)?|policy|patient|employee|staff|student"
          + "|customer|MRN|NHS|social\\s+security|SSN|insurance|identity|tax|national\\s+insurance"
          + "|medical\\s+record|record";
  private static final Pattern ID_WITH_CUE =
      Pattern.compile(
          "(?i:\\b(?:"
              + ID_CUE_WORDS
              + ")(?:\\s+(?:"
              + ID_CUE_WORDS
              + "|ID|card|number|no\\.?|num|#))*)\\s*(?i:is|was|:|#|=)?\\s*"
              + ID_VALUE);

  private static final Pattern CHINESE_ID_WITH_CUE =
      Pattern.compile(
          "(?:身份证|护照|证件|会员卡?|账号|账户|帐号|帐户|病历|医保卡?|社保卡?|就诊卡|学号|工号|员工号|保单|驾驶证|驾照|准考证|住院)"
              + "(?:号码|号|编号)?(?:是|为|：|:)?\\s*([A-Za-z]{0,3}\\d[\\dA-Za-z]{3,})");

  /** A run of eight or more digits that no other rule claimed: most likely an identifier. */
  private static final Pattern LONG_NUMBER = Pattern.compile("(?<![\\w.,])\\d{8,}(?![\\w.,])");

  private static final String STREET_TYPES =
      "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
          + "|Terrace|Close|Crescent|Square|Parkway|Highway|Hwy|Row|Walk|Gardens|Grove|Mews";
  private static final Pattern STREET_ADDRESS =
      Pattern.compile(
          "(?<![\\w])(?:(?i:flat|apt|apartment|unit|suite)\\.?\\s*\\w+,\\s*)?"
              + "\\d{1,5}[A-Za-z]?((?:\\s+(?:[A-Za-z][a-z']+|\\d{1,3}(?:st|nd|rd|th)|[NSEW]\\.?)){1,4})"
              + "\\s+(?i:"
              + STREET_TYPES
              + ")\\b\\.?"
              + "(?:,?\\s*(?i:apt|apartment|suite|unit|flat|#)\\.?\\s*\\w+)?"
              + "(?:,\\s*[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?)?"
              + "(?:,?\\s*[A-Z]{2}(?=[\\s,.]|$))?"
              + "(?:\\s+\\d{5}(?:-\\d{4})?)?"
              + "(?:,?\\s*[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2})?");

  private static final Pattern PO_BOX = Pattern.compile("(?i)\\bP\\.?\\s?O\\.?\\s+Box\\s+\\d+");

  private static final String HAN = "\\p{IsHan}";
  private static final String HAN_NUMBER = "[0-9一二三四五六七八九十百零〇]";
  private static final String BUILDING_PART = "(?:[0-9A-Za-z一二三四五六七八九十]+(?:号楼|栋|幢|单元|楼|层|室|号|座))";

  /** Province/city/district, street, then a house number: "北京市朝阳区建国路88号3栋501室". */
  private static final Pattern CHINESE_STREET_ADDRESS =
      Pattern.compile(
          "(?:"
              + HAN
              + "{2,6}?(?:省|自治区|市|区|县|镇|乡))*"
              + HAN
              + "{1,10}?(?:路|街|大街|大道|巷|弄|胡同)(?:[一二三四五六七八九十]+段)?"
              + HAN_NUMBER
              + "+号(?:院)?"
              + BUILDING_PART
              + "*");

  /** A residential compound and its building: "阳光花园5号楼2单元302室". */
  private static final Pattern CHINESE_COMPOUND_ADDRESS =
      Pattern.compile(HAN + "{2,6}?(?:小区|花园|大厦|公寓|新村|家园|广场|苑)" + BUILDING_PART + "+");

  /** Words after which an address begins: "我住在|北京市…", "寄到|上海市…", longest first. */
  private static final List<String> ADDRESS_LEAD_INS =
      List.of("住在", "寄到", "送到", "寄往", "发到", "位于", "改成", "改为", "在", "到", "是", "址", "从", "住", "于");

  private static final Pattern TITLED_NAME =
      Pattern.compile(
          "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Doctor|Nurse|Officer|Sir|Madam)\\.?\\s+"
              + "((?:O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:\\s+((?:O')?[A-Z][a-z]+))?");

  private static final Pattern NAME_CUE =
      Pattern.compile(
          "(?i)\\b(?:my\\s+name\\s+is|my\\s+name's|name\\s+is|this\\s+is|i\\s+am|i'm|it's|it\\s+is"
              + "|speaking\\s+with|speak\\s+(?:to|with)|talk(?:ed)?\\s+to|spoke\\s+(?:to|with)"
              + "|ask\\s+for|ask|called|named|thanks|thank\\s+you(?:\\s+so\\s+much)?|hi|hello|dear"
              + "|is\\s+this|my\\s+(?:husband|wife|son|daughter|sister|brother|mother|father|mum|mom|dad|partner))"
              + ",?\\s+([A-Za-z][a-z']+)(?:\\s+([A-Za-z][a-z']+))?");

  private static final Pattern CAPITALISED_WORD =
      Pattern.compile("(?<![\\w'])([A-Z][a-z]+)(?:\\s+((?:O')?[A-Z][a-z]+))?");

  /** Given names that are also common words: named only with a cue or a surname after them. */
  private static final Set<String> AMBIGUOUS_GIVEN_NAMES =
      Set.of(
          "april", "bill", "dawn", "dean", "rose", "ruby", "amber", "daisy", "holly", "lily",
          "robin", "frank", "grace", "lee", "jack", "sally", "will", "mark", "pat", "joy", "hope",
          "art", "kim", "long", "young", "price", "king", "wood");

  /** Words a capitalised surname is never: "Emily Is", "Kevin In". */
  private static final Set<String> NOT_SURNAMES =
      Set.of(
          "i",
          "a",
          "an",
          "the",
          "is",
          "in",
          "on",
          "at",
          "to",
          "of",
          "and",
          "or",
          "but",
          "with",
          "from",
          "for",
          "he",
          "she",
          "it",
          "we",
          "they",
          "you",
          "my",
          "your",
          "his",
          "her",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "please",
          "thanks",
          "thank",
          "yes",
          "no",
          "ok",
          "okay",
          "speaking",
          "here",
          "there",
          "said",
          "says",
          "told",
          "was",
          "will",
          "has",
          "had",
          "can",
          "could",
          "would",
          "should",
          "did",
          "does",
          "who",
          "which",
          "that",
          "this",
          "again",
          "today",
          "tomorrow",
          "yesterday",
          "as",
          "so",
          "then",
          "not",
          "just",
          "really",
          "very");

  private static final Set<String> STREET_NAME_STOP_WORDS =
      Set.of(
          "the", "a", "an", "on", "in", "at", "to", "of", "my", "your", "for", "and", "or",
          "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "times", "miles",
          "is", "was", "were", "are", "it", "we", "i", "you", "he", "she", "they", "all", "way");

  private static final String CHINESE_TITLES = "先生|女士|小姐|老师|医生|大夫|护士|经理|主任|师傅|阿姨|叔叔|同学|老板|律师|警官|总";

  private static final String CHINESE_NAME_CUES =
      "我叫|叫做|名叫|叫|我是|姓名是?|名字是|名字叫|联系人是?|患者|病人|女儿|儿子|母亲|父亲|爸爸|妈妈" + "|老公|老婆|丈夫|妻子|爱人|转告|找";

  /** Characters a Chinese given name does not run into: "我叫刘洋|我的手机…". */
  private static final String NOT_IN_GIVEN_NAME =
      "我你他她它的是在了说想要和跟给让打今昨手电住家来去也都就还又很吗呢吧啊呀，。、！？；：,.!?;: ";

  /** The most common surnames, for the familiar "小王", "老张". */
  private static final String FAMILIAR_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹";

  private final Set<String> givenNames;
  private final Set<String> surnames;
  private final Pattern chineseTitledName;
  private final Pattern chineseCuedName;
  private final Pattern chineseCuedSurname;
  private final Pattern chineseCompoundName;
  private final Pattern chineseFamiliarName;

  private TextRedactor(Set<String> givenNames, Set<String> surnames, List<String> chineseSurnames) {
    this.givenNames = Set.copyOf(givenNames);
    this.surnames = Set.copyOf(surnames);
    List<String> longestFirst = new ArrayList<>(chineseSurnames);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String surname = "(?:" + String.join("|", longestFirst) + ")";
    String givenChar = "[\\p{IsHan}&&[^" + NOT_IN_GIVEN_NAME + "]]";
    List<String> compounds = longestFirst.stream().filter(s -> s.length() > 1).toList();
    this.chineseTitledName =
        Pattern.compile(surname + givenChar + "{0,2}?(?:" + CHINESE_TITLES + ")");
    this.chineseCuedName =
        Pattern.compile("(?:" + CHINESE_NAME_CUES + ")(" + surname + givenChar + "{1,2})");
    this.chineseCuedSurname = Pattern.compile("(?:我姓|姓)(" + surname + ")(?![\\p{IsHan}&&[^是的，。]])");
    this.chineseCompoundName =
        Pattern.compile("(?:" + String.join("|", compounds) + ")" + givenChar + "{1,2}");
    this.chineseFamiliarName =
        Pattern.compile("[小老][" + FAMILIAR_SURNAMES + "](?![\\p{IsHan}&&[^说的是在也都，。]])");
  }

  /** The redactor with the name lists shipped in this module. */
  public static TextRedactor standard() {
    return new TextRedactor(
        words("given-names-en.txt"),
        words("surnames-en.txt"),
        List.copyOf(words("surnames-zh.txt")));
  }

  private static Set<String> words(String resource) {
    Set<String> words = new HashSet<>();
    try (InputStream in = TextRedactor.class.getResourceAsStream(RESOURCES + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        for (String word : line.trim().split("\\s+")) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }

  /** The personal data in {@code text}: non-overlapping spans in order. */
  public List<Redaction> find(String text) {
    List<Redaction> candidates = new ArrayList<>();
    // Order is priority: where spans overlap, the earlier rule wins.
    add(candidates, EMAIL, text, PiiKind.EMAIL);
    add(candidates, SPOKEN_EMAIL, text, PiiKind.EMAIL);
    addChecked(candidates, CHINESE_ID, text, PiiKind.ID, Checksums::chineseId);
    addChecked(candidates, CARD, text, PiiKind.CARD, s -> Checksums.luhn(s.replaceAll("[ -]", "")));
    addGroup(candidates, ID_WITH_CUE, text, PiiKind.ID, 1, TextRedactor::hasFourDigits);
    addGroup(candidates, CHINESE_ID_WITH_CUE, text, PiiKind.ID, 1, TextRedactor::hasFourDigits);
    add(candidates, SOCIAL_SECURITY, text, PiiKind.ID);
    add(candidates, CHINESE_MOBILE, text, PiiKind.PHONE);
    add(candidates, CHINESE_LANDLINE, text, PiiKind.PHONE);
    add(candidates, NANP_PHONE, text, PiiKind.PHONE);
    addChecked(
        candidates,
        INTERNATIONAL_PHONE,
        text,
        PiiKind.PHONE,
        s -> digitCount(s) >= 9 && digitCount(s) <= 15);
    add(candidates, PO_BOX, text, PiiKind.ADDRESS);
    addStreetAddresses(candidates, text);
    addChineseAddresses(candidates, CHINESE_STREET_ADDRESS, text);
    addChineseAddresses(candidates, CHINESE_COMPOUND_ADDRESS, text);
    addEnglishNames(candidates, text);
    addChineseNames(candidates, text);
    add(candidates, LONG_NUMBER, text, PiiKind.ID);
    List<Redaction> kept = new ArrayList<>();
    for (Redaction candidate : candidates) {
      if (kept.stream().noneMatch(candidate::overlaps)) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(Redaction::start));
    return kept;
  }

  /** {@code text} with every span {@link #find} returns replaced by its placeholder. */
  public RedactedText redact(String text) {
    List<Redaction> found = find(text);
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Redaction r : found) {
      out.append(text, at, r.start()).append(r.kind().placeholder());
      at = r.end();
    }
    out.append(text, at, text.length());
    return new RedactedText(out.toString(), found);
  }

  private static void add(List<Redaction> into, Pattern pattern, String text, PiiKind kind) {
    addChecked(into, pattern, text, kind, s -> true);
  }

  private static void addChecked(
      List<Redaction> into,
      Pattern pattern,
      String text,
      PiiKind kind,
      java.util.function.Predicate<String> accept) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (accept.test(m.group())) {
        into.add(new Redaction(kind, m.start(), m.end()));
      }
    }
  }

  private static void addGroup(
      List<Redaction> into,
      Pattern pattern,
      String text,
      PiiKind kind,
      int group,
      java.util.function.Predicate<String> accept) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.group(group) != null && accept.test(m.group(group))) {
        into.add(new Redaction(kind, m.start(group), m.end(group)));
      }
    }
  }

  private static void addStreetAddresses(List<Redaction> into, String text) {
    Matcher m = STREET_ADDRESS.matcher(text);
    while (m.find()) {
      boolean streetName = true;
      for (String word : m.group(1).trim().split("\\s+")) {
        if (STREET_NAME_STOP_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
          streetName = false;
        }
      }
      if (streetName) {
        into.add(new Redaction(PiiKind.ADDRESS, m.start(), m.end()));
      }
    }
  }

  private static void addChineseAddresses(List<Redaction> into, Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String found = m.group();
      int firstDigit = 0;
      while (firstDigit < found.length() && !Character.isDigit(found.charAt(firstDigit))) {
        firstDigit++;
      }
      int start = leadInEnd(found, firstDigit);
      if (m.start() + start < m.end()) {
        into.add(new Redaction(PiiKind.ADDRESS, m.start() + start, m.end()));
      }
    }
  }

  /**
   * Where the address proper begins in a match that may have started a few words early: after the
   * first lead-in word before the house number, and any lead-in words right after it ("我是从|…").
   */
  private static int leadInEnd(String found, int before) {
    for (int i = 0; i < before; i++) {
      int end = leadInAt(found, i);
      if (end > 0) {
        for (int next = leadInAt(found, end); next > 0; next = leadInAt(found, end)) {
          end = next;
        }
        return end;
      }
    }
    return 0;
  }

  private static int leadInAt(String text, int at) {
    for (String word : ADDRESS_LEAD_INS) {
      if (text.startsWith(word, at)) {
        return at + word.length();
      }
    }
    return 0;
  }

  private void addEnglishNames(List<Redaction> into, String text) {
    Matcher titled = TITLED_NAME.matcher(text);
    while (titled.find()) {
      int end = titled.end(1);
      if (titled.group(2) != null && isSurname(titled.group(2))) {
        end = titled.end(2);
      }
      into.add(new Redaction(PiiKind.NAME, titled.start(), end));
    }
    Matcher cued = NAME_CUE.matcher(text);
    // Restarted one character on, so that "hi my name is …" is read as "my name is …" too.
    for (int from = 0; from < text.length() && cued.find(from); from = cued.start() + 1) {
      String first = cued.group(1).toLowerCase(Locale.ROOT);
      boolean strongCue =
          cued.group()
              .toLowerCase(Locale.ROOT)
              .matches("(?s)(my\\s+name|name\\s+is|called|named).*");
      boolean capitalised = Character.isUpperCase(cued.group(1).charAt(0));
      if (givenNames.contains(first)
          || (strongCue && capitalised && !NOT_SURNAMES.contains(first))) {
        int end = cued.end(1);
        if (cued.group(2) != null && isSurname(cued.group(2))) {
          end = cued.end(2);
        }
        into.add(new Redaction(PiiKind.NAME, cued.start(1), end));
      }
    }
    Matcher word = CAPITALISED_WORD.matcher(text);
    while (word.find()) {
      String first = word.group(1).toLowerCase(Locale.ROOT);
      boolean withSurname = word.group(2) != null && isSurname(word.group(2));
      if (givenNames.contains(first) && (withSurname || !AMBIGUOUS_GIVEN_NAMES.contains(first))) {
        into.add(
            new Redaction(PiiKind.NAME, word.start(1), withSurname ? word.end(2) : word.end(1)));
      }
    }
  }

  /** A listed surname in any case, or any capitalised word that is not a common word. */
  private boolean isSurname(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (surnames.contains(lower)) {
      return true;
    }
    return Character.isUpperCase(word.charAt(0)) && !NOT_SURNAMES.contains(lower);
  }

  private void addChineseNames(List<Redaction> into, String text) {
    add(into, chineseTitledName, text, PiiKind.NAME);
    addGroup(into, chineseCuedName, text, PiiKind.NAME, 1, s -> true);
    addGroup(into, chineseCuedSurname, text, PiiKind.NAME, 1, s -> true);
    add(into, chineseCompoundName, text, PiiKind.NAME);
    add(into, chineseFamiliarName, text, PiiKind.NAME);
  }

  private static boolean hasFourDigits(String s) {
    return digitCount(s) >= 4;
  }

  private static int digitCount(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
