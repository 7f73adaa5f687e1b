/** The app's side of workflows: the runner wired to the session store, the models and plug-ins. */
package org.sentio.app.workflows;
