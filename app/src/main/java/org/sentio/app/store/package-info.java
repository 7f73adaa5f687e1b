/** The SQLite session store: schema migrations, saving, listing, loading and deleting sessions. */
package org.sentio.app.store;
