package org.sentio.affect.triage;

import java.util.Locale;

/** Vital signs taken at intake, with the physiologically possible range accepted at entry. */
public enum Vital {
  HEART_RATE("heart rate", "心率", "/min", 20, 300),
  SYSTOLIC_BP("systolic blood pressure", "收缩压", "mmHg", 40, 300),
  DIASTOLIC_BP("diastolic blood pressure", "舒张压", "mmHg", 20, 200),
  SPO2("SpO2", "血氧饱和度", "%", 50, 100),
  RESPIRATORY_RATE("respiratory rate", "呼吸频率", "/min", 4, 80),
  TEMPERATURE("temperature", "体温", "°C", 25, 45),
  PAIN("pain", "疼痛", "/10", 0, 10);

  private final String label;
  private final String labelZh;
  private final String unit;
  private final double min;
  private final double max;

  Vital(String label, String labelZh, String unit, double min, double max) {
    this.label = label;
    this.labelZh = labelZh;
    this.unit = unit;
    this.min = min;
    this.max = max;
  }

  public String label() {
    return label;
  }

  public String label(Locale locale) {
    return "zh".equals(locale.getLanguage()) ? labelZh : label;
  }

  public String unit() {
    return unit;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /** "20–300 /min". */
  public String range() {
    return fmt(min) + "–" + fmt(max) + " " + unit;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /**
   * Refuses a value that no living patient can have (or a typo), naming the valid range.
   *
   * @throws VitalOutOfRangeException when outside {@link #range()} or not a number
   */
  public double check(double value) {
    if (!(value >= min && value <= max)) {
      throw new VitalOutOfRangeException(this, value);
    }
    if (this == PAIN && value != Math.rint(value)) {
      throw new VitalOutOfRangeException(this, value);
    }
    return value;
  }
}
