/** The audit page: the store's hash-chained audit log, newest first, verified and exported. */
package org.sentio.app.ui.audit;
