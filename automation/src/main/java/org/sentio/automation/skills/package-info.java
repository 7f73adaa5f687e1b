/** The built-in skills: analyse, filter, report, export, evaluate, notify, copy and review. */
package org.sentio.automation.skills;
