package org.sentio.affect.triage;

import java.util.Locale;

/** A vital sign entered outside its physiologically possible range; the message shows the range. */
public class VitalOutOfRangeException extends IllegalArgumentException {

  private final Vital vital;
  private final double value;

  public VitalOutOfRangeException(Vital vital, double value) {
    super(
        String.format(
            Locale.ROOT,
            "%s %s %s is not possible: the valid range is %s",
            capitalise(vital.label()),
            Vital.fmt(value),
            vital.unit(),
            vital.range()));
    this.vital = vital;
    this.value = value;
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  public Vital vital() {
    return vital;
  }

  public double value() {
    return value;
  }

  /** The message in Chinese: "心率 400 /min 不可能：有效范围 20–300 /min". */
  public String messageZh() {
    return vital.label(Locale.CHINESE)
        + " "
        + Vital.fmt(value)
        + " "
        + vital.unit()
        + " 不可能：有效范围 "
        + vital.range();
  }
}
