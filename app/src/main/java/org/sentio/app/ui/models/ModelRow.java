package org.sentio.app.ui.models;

import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelVerification;

/** An installed model with the outcome of checking its file against its manifest. */
public record ModelRow(InstalledModel model, ModelVerification verification) {}
