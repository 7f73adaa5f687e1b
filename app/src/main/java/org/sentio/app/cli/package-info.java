/** The command line: analyse, sessions, models and bench commands, with their output. */
package org.sentio.app.cli;
