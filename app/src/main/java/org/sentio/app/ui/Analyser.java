package org.sentio.app.ui;

import java.util.function.BooleanSupplier;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;

/**
 * Runs one analysis; the desktop's seam over {@link org.sentio.affect.pipeline.AnalysisPipeline}.
 */
@FunctionalInterface
public interface Analyser {
  SessionResult analyse(
      AnalysisRequest request, ProgressListener progress, BooleanSupplier cancelled)
      throws AnalysisException;
}
