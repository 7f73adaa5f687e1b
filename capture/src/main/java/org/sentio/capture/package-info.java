/** Media in: value types shared by the media sources and the transcript readers. */
package org.sentio.capture;
