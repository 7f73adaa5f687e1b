package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two analyses in two processes on the same store at once both succeed (of the first seconds of the
 * demo: what overlaps is the two processes' work on the store, not the length of the media).
 */
class StoreConcurrencyTest {
  @TempDir Path work;

  @Test
  void twoProcessesAnalyseIntoOneStoreAtOnce() throws Exception {
    Path data = work.resolve("data");
    Path clip = Cli.demoClip(work, 6);
    Cli.Running first =
        Cli.start(
            data,
            work,
            "analyze",
            "--quiet",
            clip.toString(),
            "--title",
            "first",
            "--out",
            work.resolve("a").toString());
    Cli.Running second =
        Cli.start(
            data,
            work,
            "analyze",
            "--quiet",
            clip.toString(),
            "--title",
            "second",
            "--out",
            work.resolve("b").toString());

    Cli.Result a = first.await();
    Cli.Result b = second.await();

    assertThat(a.exitCode()).as(a.stderr()).isZero();
    assertThat(b.exitCode()).as(b.stderr()).isZero();
    String list = Cli.run(data, work, "sessions", "list").stdout();
    assertThat(list).contains("first").contains("second");
    assertThat(list.lines().filter(l -> l.contains(" done ")).count()).isEqualTo(2);
  }
}
