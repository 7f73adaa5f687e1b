package org.sentio.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.app.ui.library.LibraryView;
import org.sentio.app.ui.library.LibraryViewModel;
import org.sentio.app.ui.live.LiveView;
import org.sentio.app.ui.live.LiveViewModel;
import org.sentio.app.ui.models.ModelsView;
import org.sentio.app.ui.models.ModelsViewModel;
import org.sentio.app.ui.review.ReviewView;
import org.sentio.app.ui.review.ReviewViewModel;
import org.sentio.app.ui.settings.SettingsView;
import org.sentio.app.ui.settings.SettingsViewModel;

/**
 * The main window's content: a navigation rail (Library, Review, Live, Clinical, Models, Settings)
 * and the page. Changing the language rebuilds every page in the new words.
 */
public final class MainWindow {
  /** The pages. */
  public enum Page {
    LIBRARY,
    REVIEW,
    LIVE,
    CLINICAL,
    MODELS,
    SETTINGS,
    WORKFLOWS,
    MONITORING,
    AUDIT
  }

  private final AppContext context;
  private final BorderPane root = new BorderPane();
  private final StackPane content = new StackPane();
  private Stage stage;
  private I18n i18n;
  private LibraryViewModel library;
  private ReviewViewModel review;
  private ModelsViewModel models;
  private LiveViewModel live;
  private ReviewView reviewView;
  private LiveView liveView;
  private org.sentio.app.ui.clinical.ClinicalView clinicalView;
  private final java.util.Map<Page, Node> pages = new java.util.EnumMap<>(Page.class);
  private final java.util.Map<Page, ToggleButton> buttons = new java.util.EnumMap<>(Page.class);
  private Page page = Page.LIBRARY;
  private FaceAnalyzer reviewFaces;
  private org.sentio.app.ui.workflows.WorkflowsViewModel workflows;
  private org.sentio.app.ui.workflows.WorkflowsView workflowsView;
  private final NotificationArea notifications = new NotificationArea();
  private org.sentio.app.ui.monitoring.MonitoringView monitoringView;
  private java.util.function.Consumer<org.sentio.app.workflows.WorkflowRunner.Notice> notify;
  private org.sentio.app.ui.audit.AuditViewModel audit;
  private LibraryView libraryView;

  public MainWindow(AppContext context) {
    this.context = context;
    root.setId("main-window");
    root.getStyleClass().add("sentio");
    build();
  }

  /** Puts the window's content in {@code stage} and shows it. */
  public void show(Stage stage) {
    this.stage = stage;
    Scene scene = new Scene(root, 1280, 800);
    scene.getStylesheets().add(MainWindow.class.getResource("sentio.css").toExternalForm());
    stage.setScene(scene);
    stage.setTitle(i18n.get("app.title"));
    stage.setOnHidden(e -> dispose());
    stage.show();
  }

  public Parent root() {
    return root;
  }

  public LibraryViewModel library() {
    return library;
  }

  public ReviewViewModel review() {
    return review;
  }

  public ModelsViewModel models() {
    return models;
  }

  public LiveViewModel live() {
    return live;
  }

  public I18n i18n() {
    return i18n;
  }

  public org.sentio.app.ui.workflows.WorkflowsViewModel workflows() {
    return workflows;
  }

  public org.sentio.app.ui.audit.AuditViewModel audit() {
    return audit;
  }

  /** The Library page, for tests that answer its folder dialog. */
  public LibraryView libraryView() {
    return libraryView;
  }

  /** The Audit page, for tests that answer its save dialog. */
  public org.sentio.app.ui.audit.AuditView auditView() {
    return (org.sentio.app.ui.audit.AuditView) pages.get(Page.AUDIT);
  }

  private org.sentio.affect.face.BlazeFaceDetector openFaceDetector()
      throws org.sentio.runtime.ModelException {
    org.sentio.runtime.ModelRegistry registry = context.engine().registry();
    return new org.sentio.affect.face.BlazeFaceDetector(
        context
            .engine()
            .host()
            .open(registry, registry.find(org.sentio.affect.face.BlazeFaceDetector.MODEL)),
        org.sentio.affect.deidentify.MediaDeidentifier.DETECTION);
  }

  private Window window() {
    return stage;
  }

  private void build() {
    long openSession =
        review != null && review.sessionProperty().get() != null
            ? review.sessionProperty().get().id()
            : -1;
    disposePages();
    i18n = context.i18n();
    applyTheme(context.settings().theme());
    UiFonts.apply(root, i18n.locale());
    ErrorReporter errors = new ErrorDialog(this::window, i18n);
    TaskExecutor executor = context.executor();

    library =
        new LibraryViewModel(
            context.store(),
            context.engine(),
            executor,
            errors,
            i18n,
            () -> context.settings().analysisOptions());
    library.setSpeechLanguage(
        () -> org.sentio.app.SpeechSettings.load(context.dataDirectory()).language());
    I18n libraryI18n = i18n;
    library.setSpeechNotice(
        () ->
            SpeechLanguages.notice(
                libraryI18n,
                context.dataDirectory(),
                org.sentio.app.SpeechSettings.load(context.dataDirectory()).language()));
    review =
        new ReviewViewModel(
            context.store(),
            executor,
            errors,
            i18n,
            this::findFaces,
            () -> context.settings().author(),
            new org.sentio.app.ui.review.SystemAudioOutput());
    review.setSpeakerRoles(context.speakers());
    review.setCorrector(
        (session, index, text) ->
            org.sentio.affect.pipeline.TranscriptCorrection.correct(
                session,
                index,
                text,
                context.engine().analyzers().text(),
                context.engine().analyzers().fusion()));
    models =
        new ModelsViewModel(
            context.engine(),
            executor,
            errors,
            i18n,
            context.dataDirectory().resolve("candidates"));
    live =
        new LiveViewModel(
            context.store(),
            context.engine(),
            executor,
            errors,
            i18n,
            context::settings,
            context.dataDirectory());
    library.setOnImported(
        id -> {
          openReview(id);
        });
    live.setOnRecorded(id -> library.refresh());
    review
        .sessionProperty()
        .addListener((o, a, b) -> models.showExpertLoad(b == null ? null : b.result()));

    pages.clear();
    library.setAudit(context.audit());
    review.setAudit(context.audit());
    org.sentio.app.ui.library.ShareViewModel sharing =
        new org.sentio.app.ui.library.ShareViewModel(
            context.store(), executor, i18n, context.audit(), this::openFaceDetector);
    libraryView = new LibraryView(library, sharing, i18n, this::openReview);
    pages.put(Page.LIBRARY, libraryView);
    reviewView = new ReviewView(review, i18n);
    pages.put(Page.REVIEW, reviewView);
    liveView = new LiveView(live, i18n);
    pages.put(Page.LIVE, liveView);
    clinicalView =
        new org.sentio.app.ui.clinical.ClinicalView(
            new org.sentio.app.ui.clinical.ClinicalViewModel(
                i18n,
                context.engine(),
                executor,
                context::settings,
                new org.sentio.app.live.JavaSoundMicrophones(),
                context.audit()),
            org.sentio.app.ui.clinical.ClinicalChoosers.system(i18n));
    pages.put(Page.CLINICAL, clinicalView);
    pages.put(Page.MODELS, new ModelsView(models, i18n));
    SettingsViewModel settingsModel =
        new SettingsViewModel(
            context.settings(), context.dataDirectory(), errors, i18n, this::applySettings);
    settingsModel.showStoreKey(context.store(), executor);
    pages.put(
        Page.SETTINGS, new SettingsView(settingsModel, i18n, live.cameras(), live.microphones()));
    workflows =
        new org.sentio.app.ui.workflows.WorkflowsViewModel(
            context.workflows(), executor, errors, i18n);
    workflowsView = new org.sentio.app.ui.workflows.WorkflowsView(workflows, i18n);
    pages.put(Page.WORKFLOWS, workflowsView);
    org.sentio.app.ui.workflows.WorkflowsViewModel words = workflows;
    notify =
        n ->
            executor.ui(
                () ->
                    notifications.show(
                        words.describe(n),
                        n.kind() != org.sentio.app.workflows.WorkflowRunner.NoticeKind.MESSAGE));
    context.workflows().onNotice(notify);
    monitoringView =
        new org.sentio.app.ui.monitoring.MonitoringView(
            new org.sentio.app.ui.monitoring.MonitoringViewModel(
                context.monitoring(),
                executor,
                i18n,
                context.dataDirectory(),
                context.monitoringSettings(),
                context.prometheusAddress(),
                context.prometheusProblem(),
                context::applyMonitoringSettings),
            i18n);
    pages.put(Page.MONITORING, monitoringView);
    audit = new org.sentio.app.ui.audit.AuditViewModel(context.audit(), executor, i18n);
    pages.put(Page.AUDIT, new org.sentio.app.ui.audit.AuditView(audit, i18n));
    for (Node n : pages.values()) {
      if (n instanceof Region r) {
        r.setPadding(new Insets(18));
      }
    }

    VBox rail = new VBox(4);
    rail.setId("nav");
    rail.getStyleClass().add("nav-rail");
    rail.setPadding(new Insets(14, 8, 14, 8));
    Label brand = new Label(i18n.get("app.title"));
    brand.getStyleClass().addAll("title-3", "brand");
    brand.setId("nav-brand");
    // the Chinese title is wider than the rail: wrapped, not cut to "Sentio 情..."
    brand.setWrapText(true);
    brand.setMinHeight(Region.USE_PREF_SIZE);
    brand.setGraphic(new FontIcon(Feather.ACTIVITY));
    rail.getChildren().add(brand);
    ToggleGroup group = new ToggleGroup();
    buttons.clear();
    addNav(rail, group, Page.LIBRARY, "nav.library", Feather.ARCHIVE);
    addNav(rail, group, Page.REVIEW, "nav.review", Feather.FILM);
    addNav(rail, group, Page.LIVE, "nav.live", Feather.VIDEO);
    addNav(rail, group, Page.CLINICAL, "nav.clinical", Feather.HEART);
    addNav(rail, group, Page.MODELS, "nav.models", Feather.LAYERS);
    addNav(rail, group, Page.WORKFLOWS, "nav.workflows", Feather.GIT_BRANCH);
    addNav(rail, group, Page.MONITORING, "nav.monitoring", Feather.BAR_CHART_2);
    addNav(rail, group, Page.AUDIT, "nav.audit", Feather.SHIELD);
    Region spacer = new Region();
    VBox.setVgrow(spacer, Priority.ALWAYS);
    rail.getChildren().add(spacer);
    addNav(rail, group, Page.SETTINGS, "nav.settings", Feather.SETTINGS);
    root.setLeft(rail);
    StackPane.setAlignment(notifications, Pos.BOTTOM_RIGHT);
    root.setCenter(new StackPane(content, notifications));
    if (stage != null) {
      stage.setTitle(i18n.get("app.title"));
    }
    show(page);
    if (openSession >= 0) {
      review.open(openSession);
    }
  }

  private void addNav(VBox rail, ToggleGroup group, Page p, String key, Feather icon) {
    ToggleButton b = new ToggleButton(i18n.get(key), new FontIcon(icon));
    b.setId("nav-" + p.name().toLowerCase(java.util.Locale.ROOT));
    b.setToggleGroup(group);
    b.setMaxWidth(Double.MAX_VALUE);
    b.setAlignment(Pos.CENTER_LEFT);
    b.getStyleClass().add("nav-button");
    b.setOnAction(
        e -> {
          show(p);
        });
    buttons.put(p, b);
    rail.getChildren().add(b);
  }

  /** Shows a page. */
  public void show(Page p) {
    page = p;
    content.getChildren().setAll(pages.get(p));
    ToggleButton b = buttons.get(p);
    if (b != null) {
      b.setSelected(true);
    }
    if (p == Page.MODELS) {
      models.refresh();
      models.showExpertLoad(
          review.sessionProperty().get() == null ? null : review.sessionProperty().get().result());
    }
    if (p == Page.LIBRARY) {
      library.refresh();
    }
    if (p == Page.AUDIT) {
      audit.refresh();
    }
  }

  public Page page() {
    return page;
  }

  /** Opens a session in the review page. */
  public void openReview(long id) {
    review.open(id);
    show(Page.REVIEW);
  }

  private void applySettings(Settings s) {
    String oldLanguage = context.settings().language();
    String oldTheme = context.settings().theme();
    try {
      context.updateSettings(s);
    } catch (java.io.IOException e) {
      // the view model saved them already; keep going with the new values
    }
    if (!oldLanguage.equals(s.language()) || !oldTheme.equals(s.theme())) {
      build();
    }
  }

  static void applyTheme(String theme) {
    Application.setUserAgentStylesheet(
        "dark".equals(theme)
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }

  private synchronized List<org.sentio.affect.face.FaceObservation> findFaces(
      org.sentio.capture.media.VideoFrame frame) throws Exception {
    if (reviewFaces == null) {
      context.engine().analyzers();
      reviewFaces = FaceAnalyzer.open(context.engine().host(), context.engine().registry());
    }
    return reviewFaces.analyze(frame.width(), frame.height(), frame.bgr());
  }

  private void disposePages() {
    if (reviewView != null) {
      reviewView.dispose();
    }
    if (liveView != null) {
      liveView.dispose();
    }
    if (clinicalView != null) {
      clinicalView.dispose();
    }
    if (workflowsView != null) {
      workflowsView.dispose();
    }
    if (monitoringView != null) {
      monitoringView.dispose();
    }
    if (notify != null) {
      context.workflows().removeOnNotice(notify);
    }
    if (review != null) {
      review.close();
    }
    if (live != null) {
      live.stop();
    }
  }

  /** Stops timers and live capture, closes decoders. */
  public void dispose() {
    disposePages();
    synchronized (this) {
      if (reviewFaces != null) {
        try {
          reviewFaces.close();
        } catch (Exception e) {
          // at exit
        }
        reviewFaces = null;
      }
    }
  }
}
