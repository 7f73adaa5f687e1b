package org.sentio.affect.imaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The "imaging" block of an imaging model's manifest.json.
 *
 * @param input the graph input the slice goes to
 * @param size [height, width] the slice is resampled to (nearest neighbour)
 * @param normalisation "hu" (Hounsfield units as they are) or "window" (clipped to the window and
 *     scaled to [0, 1])
 * @param window [centre, width] in HU, required for "window"
 * @param output the graph output that holds the score (its first element is read)
 * @param finding what a score at or above the threshold means, in words
 * @param threshold positive at or above
 * @param intendedUse the intended use, in words
 * @param validation the validation figures, in words, shown next to every finding
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImagingSpec(
    String input,
    List<Integer> size,
    String normalisation,
    List<Double> window,
    String output,
    String finding,
    double threshold,
    String intendedUse,
    String validation) {}
