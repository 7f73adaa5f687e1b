package org.sentio.app.ui.models;

import java.util.OptionalDouble;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelVerification;

/**
 * An installed model with the outcome of checking its file against its manifest, and the privacy
 * budget (ε, δ) its training spent when it was trained with differential privacy.
 */
public record ModelRow(
    InstalledModel model,
    ModelVerification verification,
    OptionalDouble epsilon,
    OptionalDouble delta) {}
