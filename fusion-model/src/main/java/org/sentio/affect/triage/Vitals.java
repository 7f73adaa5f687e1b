package org.sentio.affect.triage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The vitals entered at intake; any may be missing. Every value is checked at entry against {@link
 * Vital#range()}, and diastolic must be below systolic.
 */
public final class Vitals {

  private final EnumMap<Vital, Double> values;

  private Vitals(EnumMap<Vital, Double> values) {
    this.values = values;
  }

  public static Vitals none() {
    return new Vitals(new EnumMap<>(Vital.class));
  }

  /** A copy with one more value, range-checked. */
  public Vitals with(Vital vital, double value) {
    vital.check(value);
    EnumMap<Vital, Double> copy = new EnumMap<>(values);
    copy.put(vital, value);
    Double sys = copy.get(Vital.SYSTOLIC_BP);
    Double dia = copy.get(Vital.DIASTOLIC_BP);
    if (sys != null && dia != null && dia >= sys) {
      throw new IllegalArgumentException(
          "Diastolic blood pressure "
              + Vital.fmt(dia)
              + " mmHg must be below systolic "
              + Vital.fmt(sys)
              + " mmHg");
    }
    return new Vitals(copy);
  }

  /** Parses a typed entry ("120", "37,5"); blank means not measured. */
  public Vitals withText(Vital vital, String text) {
    if (text == null || text.isBlank()) {
      EnumMap<Vital, Double> copy = new EnumMap<>(values);
      copy.remove(vital);
      return new Vitals(copy);
    }
    double v;
    try {
      v = Double.parseDouble(text.trim().replace(',', '.'));
    } catch (NumberFormatException e) {
      throw new VitalOutOfRangeException(vital, Double.NaN);
    }
    return with(vital, v);
  }

  public Optional<Double> get(Vital vital) {
    return Optional.ofNullable(values.get(vital));
  }

  public Map<Vital, Double> asMap() {
    return Map.copyOf(values);
  }
}
