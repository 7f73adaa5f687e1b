/** Voice activity: which stretches of audio hold speech, from the silero VAD model. */
package org.sentio.affect.vad;
