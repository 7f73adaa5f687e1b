package org.sentio.affect.deidentify;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The check digits that tell a card or ID number from any other run of digits. */
final class Checksums {
  private static final int[] CHINESE_ID_WEIGHTS = {
    7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
  };
  private static final String CHINESE_ID_CHECK = "10X98765432";

  private Checksums() {}

  /** Whether {@code digits} (digits only) passes the Luhn check used by payment card numbers. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /**
   * Whether {@code id} is a valid 18-character resident identity card number of the People's
   * Republic of China (GB 11643-1999): a real birth date at positions 7–14 and the ISO 7064 MOD
   * 11-2 check character last.
   */
  static boolean chineseId(String id) {
    if (id.length() != 18) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int d = id.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      sum += d * CHINESE_ID_WEIGHTS[i];
    }
    if (Character.toUpperCase(id.charAt(17)) != CHINESE_ID_CHECK.charAt(sum % 11)) {
      return false;
    }
    try {
      LocalDate born =
          LocalDate.of(
              Integer.parseInt(id.substring(6, 10)),
              Integer.parseInt(id.substring(10, 12)),
              Integer.parseInt(id.substring(12, 14)));
      return born.getYear() >= 1900 && !born.isAfter(LocalDate.now());
    } catch (DateTimeException e) {
      return false;
    }
  }
}
