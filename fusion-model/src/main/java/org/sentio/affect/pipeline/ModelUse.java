package org.sentio.affect.pipeline;

/**
 * A model that took part in an analysis: what it was and where it ran.
 *
 * @param runtime how the runtime ran it beyond the provider (for the MoE fusion model: which
 *     formulation and why), or {@code null}
 */
public record ModelUse(
    String name, String version, String sha256, String executionProvider, String runtime) {

  public ModelUse(String name, String version, String sha256, String executionProvider) {
    this(name, version, sha256, executionProvider, null);
  }
}
