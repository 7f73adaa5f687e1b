package org.sentio.app.ui.clinical;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;

/** Clicks a control of the clinical page's side panel the way a user does: scroll to it first. */
public final class VisibleClicks {
  private VisibleClicks() {}

  /** Scrolls the side panel until {@code id} is in view, then clicks it. */
  public static FxRobotInterface clickOn(FxRobot robot, String id) {
    Node node = robot.lookup(id).query();
    robot.interact(() -> scrollTo(node));
    return robot.clickOn(node);
  }

  private static void scrollTo(Node node) {
    Parent p = node.getParent();
    while (p != null && !(p instanceof ScrollPane)) {
      p = p.getParent();
    }
    if (!(p instanceof ScrollPane scroll)) {
      return;
    }
    Node content = scroll.getContent();
    Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
    double hidden = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
    double target = b.getMinY() - scroll.getViewportBounds().getHeight() / 3;
    scroll.setVvalue(hidden <= 0 ? 0 : Math.max(0, Math.min(1, target / hidden)));
    scroll.layout();
  }
}
