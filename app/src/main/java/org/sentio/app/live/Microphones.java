package org.sentio.app.live;

import java.util.List;

/** The microphones present, and a way to open one. */
public interface Microphones {

  /** The names of the microphones present now, in the order to offer them; empty when none. */
  List<String> names();

  /** Opens {@code name}; throws with a message a user can act on when it is absent or busy. */
  MicrophoneLine open(String name) throws CaptureException;

  /** No microphones at all. */
  Microphones NONE =
      new Microphones() {
        @Override
        public List<String> names() {
          return List.of();
        }

        @Override
        public MicrophoneLine open(String name) throws CaptureException {
          throw new CaptureException(name + ": no microphone of that name is present", null);
        }
      };
}
