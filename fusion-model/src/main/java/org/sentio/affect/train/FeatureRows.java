package org.sentio.affect.train;

/** Rows of a feature matrix, dense or sparse, read one row at a time into a dense buffer. */
public interface FeatureRows {
  int size();

  int dimension();

  /** Adds row {@code row} into {@code dest} starting at {@code offset} (dest is pre-zeroed). */
  void copyRow(int row, float[] dest, int offset);

  /** Rows held as dense arrays. */
  static FeatureRows dense(float[][] rows, int dimension) {
    return new FeatureRows() {
      @Override
      public int size() {
        return rows.length;
      }

      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public void copyRow(int row, float[] dest, int offset) {
        System.arraycopy(rows[row], 0, dest, offset, dimension);
      }
    };
  }

  /** Rows held as (index, value) pairs; repeated indices add up. */
  static FeatureRows sparse(int[][] indices, float[][] values, int dimension) {
    return new FeatureRows() {
      @Override
      public int size() {
        return indices.length;
      }

      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public void copyRow(int row, float[] dest, int offset) {
        int[] index = indices[row];
        float[] value = values[row];
        for (int k = 0; k < index.length; k++) {
          dest[offset + index[k]] += value[k];
        }
      }
    };
  }
}
