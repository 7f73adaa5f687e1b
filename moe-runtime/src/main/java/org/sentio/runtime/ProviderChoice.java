package org.sentio.runtime;

import java.util.List;

/**
 * The execution provider in use and, for each preferred provider that could not be used, why.
 *
 * @param provider the provider every session of the host runs on
 * @param fallbackReasons one line per provider tried before it, e.g. "CUDA: not in this build"
 */
public record ProviderChoice(ExecutionProvider provider, List<String> fallbackReasons) {

  public ProviderChoice {
    fallbackReasons = List.copyOf(fallbackReasons);
  }

  /** One line for users and the log. */
  public String describe() {
    if (fallbackReasons.isEmpty()) {
      return "execution provider: " + provider.displayName();
    }
    return "execution provider: "
        + provider.displayName()
        + " (fell back: "
        + String.join("; ", fallbackReasons)
        + ")";
  }
}
