package org.sentio.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;

/**
 * How a reading is laid out in the columns that every estimate table shares (present, the seven
 * probabilities, valence, arousal, confidence, absence, absence detail): one place for the windows,
 * the transcript, the face tracks and the speakers' readings to bind and read them.
 */
final class AffectColumns {
  static final String PROBABILITIES =
      "p_neutral, p_happy, p_sad, p_angry, p_fearful, p_disgusted, p_surprised";

  /** The columns {@link #bindEstimate} binds, in order. */
  static final String ESTIMATE =
      "present, " + PROBABILITIES + ", valence, arousal, confidence, absence, absence_detail";

  private AffectColumns() {}

  /** Binds the 13 columns of {@link #ESTIMATE} from parameter {@code first} on. */
  static void bindEstimate(PreparedStatement s, int first, AffectEstimate e) throws SQLException {
    s.setInt(first, e.isPresent() ? 1 : 0);
    bindProbabilities(s, first + 1, e.emotions());
    bindNumber(s, first + 8, e.valence());
    bindNumber(s, first + 9, e.arousal());
    s.setDouble(first + 10, e.confidence());
    s.setString(first + 11, e.isPresent() ? null : e.absence().name());
    s.setString(first + 12, e.absenceDetail());
  }

  /** Binds the 7 probabilities from parameter {@code first} on; all null when {@code d} is. */
  static void bindProbabilities(PreparedStatement s, int first, EmotionDistribution d)
      throws SQLException {
    for (Emotion e : Emotion.values()) {
      if (d == null) {
        s.setNull(first + e.ordinal(), Types.REAL);
      } else {
        s.setDouble(first + e.ordinal(), d.get(e));
      }
    }
  }

  /** Binds {@code value}, NaN (not measured) as null. */
  static void bindNumber(PreparedStatement s, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      s.setNull(index, Types.REAL);
    } else {
      s.setDouble(index, value);
    }
  }

  static AffectEstimate readEstimate(Modality modality, ResultSet rows) throws SQLException {
    if (rows.getInt("present") == 0) {
      return AffectEstimate.absent(
          modality,
          AbsenceReason.valueOf(rows.getString("absence")),
          rows.getString("absence_detail"));
    }
    return AffectEstimate.present(
        modality,
        readProbabilities(rows),
        readNumber(rows, "valence"),
        readNumber(rows, "arousal"),
        rows.getDouble("confidence"));
  }

  /** The 7 probabilities of the row; null when they were stored as null. */
  static EmotionDistribution readProbabilities(ResultSet rows) throws SQLException {
    double[] p = new double[Emotion.COUNT];
    for (Emotion e : Emotion.values()) {
      p[e.ordinal()] = rows.getDouble("p_" + e.label());
      if (rows.wasNull()) {
        return null;
      }
    }
    return EmotionDistribution.of(p);
  }

  /** The number in {@code column}, null read as NaN. */
  static double readNumber(ResultSet rows, String column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? Double.NaN : value;
  }
}
