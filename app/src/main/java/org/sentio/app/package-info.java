/** The application: command line, session store and settings. */
package org.sentio.app;
