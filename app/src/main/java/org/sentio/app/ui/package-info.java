/**
 * The JavaFX desktop application: views built in code, view models holding properties (tested
 * without the toolkit), background work through an injected {@link org.sentio.app.ui.TaskExecutor}.
 */
package org.sentio.app.ui;
