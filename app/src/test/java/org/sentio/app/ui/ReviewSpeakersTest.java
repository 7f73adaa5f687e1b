package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SpeakerRepository;
import org.sentio.app.store.SpeechSessions;
import org.sentio.app.ui.review.TimelineCanvas;

/**
 * Speaker lanes in Review on the headless toolkit, on a two-speaker session saved through the
 * store: each speaker's lane is coloured during their own turns only and is named with their role;
 * the role is changed from the lane's context menu and from the inspector, lands in the store and
 * stays after a restart; in Simplified Chinese the roles read 坐席/客户.
 */
class ReviewSpeakersTest {
  @TempDir Path data;

  private long storeCall() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().save(SpeechSessions.twoSpeakers("two-party call", 12));
    }
  }

  private static void openReview(DesktopHarness app, long id) throws Exception {
    app.interact(() -> app.window.openReview(id));
    DesktopHarness.await(20, "the two speakers", () -> app.window.review().speakers().size() == 2);
    DesktopHarness.await(
        5,
        "the timeline with its speaker lanes",
        () ->
            app.robot.lookup("#timeline").queryAs(Region.class).getHeight()
                > TimelineCanvas.speakerLaneY(1));
  }

  @Test
  void eachSpeakerHasALaneNamedByRoleAndTheRoleIsChangedFromTheLaneAndTheInspector()
      throws Exception {
    long id = storeCall();
    try (DesktopHarness app = DesktopHarness.open(data)) {
      openReview(app, id);
      Region timeline = app.robot.lookup("#timeline").queryAs(Region.class);
      Image shot = snapshot(app, timeline);
      // S1 speaks at 0.4–1.6 s and 4.0–5.0 s, S2 at 2.0–3.5 s (a 6.5 s session).
      assertThat(coloured(shot, timeline, 1.0, 0)).as("S1's lane in S1's turn").isTrue();
      assertThat(coloured(shot, timeline, 4.5, 0)).as("S1's lane in S1's second turn").isTrue();
      assertThat(coloured(shot, timeline, 2.75, 0)).as("S1's lane in S2's turn").isFalse();
      assertThat(coloured(shot, timeline, 2.75, 1)).as("S2's lane in S2's turn").isTrue();
      assertThat(coloured(shot, timeline, 1.0, 1)).as("S2's lane in S1's turn").isFalse();
      assertThat(coloured(shot, timeline, 6.0, 1)).as("S2's lane after every turn").isFalse();

      assertThat(roleShown(app, "S1")).isEqualTo("Agent");
      assertThat(roleShown(app, "S2")).isEqualTo("Customer");
      assertThat(transcriptLines(app)).anyMatch(t -> t.contains("S2 Customer: this is not"));
      app.interact(() -> app.window.review().seek(2.75));
      assertThat(app.robot.lookup("#inspector-speaking").queryLabeled().getText())
          .isEqualTo("Speaking here: S2 (Customer)");

      // right-click S1's lane: "Mark S1 as Customer"
      rightClickLane(app, timeline, 1.0, 0);
      DesktopHarness.await(
          5, "the role menu", () -> !app.robot.lookup("#speaker-role-menu").queryAll().isEmpty());
      MenuItem makeCustomer = menuItem(app, "speaker-menu-customer");
      assertThat(makeCustomer.getText()).isEqualTo("Mark S1 as Customer");
      assertThat(menuItem(app, "speaker-menu-agent").isDisable()).as("S1 is the agent").isTrue();
      app.interact(makeCustomer::fire);
      DesktopHarness.await(
          10,
          "S1 to be the customer in the inspector",
          () -> "Customer".equals(roleShown(app, "S1")));
      assertThat(stored(app, id)).containsExactly(SpeakerRole.CUSTOMER, SpeakerRole.CUSTOMER);
      assertThat(transcriptLines(app)).anyMatch(t -> t.contains("S1 Customer: kids are talking"));

      // the inspector's choice for S2: Agent
      app.robot.clickOn("#speaker-role-S2");
      DesktopHarness.await(5, "the role list", () -> !popupCells(app, "Agent").isEmpty());
      app.robot.clickOn(popupCells(app, "Agent").get(0));
      DesktopHarness.await(
          10,
          "S2 stored as the agent",
          () -> app.window.review().speaker("S2").role() == SpeakerRole.AGENT);
      assertThat(stored(app, id)).containsExactly(SpeakerRole.CUSTOMER, SpeakerRole.AGENT);
      assertThat(coloured(snapshot(app, timeline), timeline, 2.75, 1))
          .as("S2's lane still drawn after the change")
          .isTrue();
    }

    try (DesktopHarness again = DesktopHarness.open(data)) {
      openReview(again, id);
      assertThat(roleShown(again, "S1")).isEqualTo("Customer");
      assertThat(roleShown(again, "S2")).isEqualTo("Agent");
    }
  }

  @Test
  void inSimplifiedChineseTheRolesAndTheMenuReadInChinese() throws Exception {
    long id = storeCall();
    Settings d = Settings.defaults(DesktopHarness.ROOT);
    d.withLanguage("zh-CN").save(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      openReview(app, id);
      assertThat(roleShown(app, "S1")).isEqualTo("坐席");
      assertThat(roleShown(app, "S2")).isEqualTo("客户");
      assertThat(transcriptLines(app)).anyMatch(t -> t.contains("S2 客户：this is not"));
      Region timeline = app.robot.lookup("#timeline").queryAs(Region.class);
      rightClickLane(app, timeline, 2.75, 1);
      DesktopHarness.await(
          5, "the role menu", () -> !app.robot.lookup("#speaker-role-menu").queryAll().isEmpty());
      assertThat(menuItem(app, "speaker-menu-agent").getText()).isEqualTo("将 S2 标为坐席");
      app.interact(() -> menuItem(app, "speaker-menu-agent").fire());
      DesktopHarness.await(10, "S2 as 坐席", () -> "坐席".equals(roleShown(app, "S2")));
      assertThat(stored(app, id)).containsExactly(SpeakerRole.AGENT, SpeakerRole.AGENT);
    }
  }

  private static Image snapshot(DesktopHarness app, Region timeline) {
    AtomicReference<Image> shot = new AtomicReference<>();
    app.interact(() -> shot.set(timeline.snapshot(null, null)));
    return shot.get();
  }

  /** Whether the lane of speaker {@code lane} holds colour at media time {@code t}. */
  private static boolean coloured(Image shot, Region timeline, double t, int lane) {
    double x = timeAt(timeline, t);
    double y = TimelineCanvas.speakerLaneY(lane);
    Color c = shot.getPixelReader().getColor((int) Math.round(x), (int) Math.round(y));
    return c.getSaturation() > 0.25 && c.getOpacity() > 0.5;
  }

  private static double timeAt(Region timeline, double t) {
    return ((TimelineCanvas) timeline).xAt(t);
  }

  private static void rightClickLane(DesktopHarness app, Region timeline, double t, int lane) {
    Bounds b = timeline.localToScreen(timeline.getBoundsInLocal());
    app.robot.moveTo(
        new Point2D(
            b.getMinX() + timeAt(timeline, t), b.getMinY() + TimelineCanvas.speakerLaneY(lane)));
    app.robot.press(MouseButton.SECONDARY).release(MouseButton.SECONDARY);
  }

  private static MenuItem menuItem(DesktopHarness app, String id) {
    javafx.scene.control.ContextMenu menu =
        (javafx.scene.control.ContextMenu)
            javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                .filter(
                    w -> "speaker-role-menu".equals(((javafx.scene.control.ContextMenu) w).getId()))
                .findFirst()
                .orElseThrow();
    return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
  }

  private static String roleShown(DesktopHarness app, String speaker) {
    ComboBox<SpeakerRole> role = app.robot.lookup("#speaker-role-" + speaker).queryComboBox();
    return role.getConverter().toString(role.getValue());
  }

  private static List<String> transcriptLines(DesktopHarness app) {
    return app.robot.lookup("#review-transcript").lookup(".list-cell").queryAll().stream()
        .map(n -> ((Labeled) n).getText())
        .filter(t -> t != null)
        .toList();
  }

  private static List<Node> popupCells(DesktopHarness app, String text) {
    return app.robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
        .filter(n -> n instanceof Labeled l && text.equals(l.getText()) && n.isVisible())
        .toList();
  }

  private static List<SpeakerRole> stored(DesktopHarness app, long id) throws Exception {
    SpeakerRepository speakers = app.context.speakers();
    return speakers.speakers(id).stream().map(Speaker::role).toList();
  }
}
