package org.sentio.app.live;

import java.nio.file.Path;
import java.util.List;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.app.SentioHome;
import org.sentio.app.store.SessionStore;
import org.sentio.app.ui.Engine;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/**
 * A process that records a live session from the virtual camera until it is killed: {@code DATA
 * MEDIA}. Prints "recording ID FILE" once recording, then "at SECONDS" every 100 ms.
 */
public final class LiveRecordingChild {
  private LiveRecordingChild() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path media = Path.of(args[1]);
    SessionStore store = SessionStore.open(data);
    Engine engine =
        new Engine(
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.CPU);
    LiveSession session =
        new LiveSession(
            GrabberSource.virtualCamera(media),
            engine.analyzers(),
            new AnalysisOptions(2, 1.0, 0.5),
            store,
            data.resolve("recordings"),
            new LiveSession.Listener() {
              @Override
              public void windows(List<AffectWindow> closed) {
                System.out.println("windows " + closed.get(closed.size() - 1).endSeconds());
              }

              @Override
              public void failed(Exception e) {
                System.out.println("failed " + e);
              }
            });
    session.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (session.latestFaces() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long id = session.startRecording("crash test");
    System.out.println("recording " + id + " " + session.recordingFile());
    while (true) {
      System.out.println("at " + session.recordedSeconds());
      System.out.flush();
      Thread.sleep(100);
    }
  }
}
