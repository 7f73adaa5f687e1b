/** Cron schedules with time zones (cron-utils): when a scheduled workflow fires next. */
package org.sentio.automation.schedule;
