package org.sentio.app.cli;

import picocli.CommandLine.Command;

/** The root command: {@code sentio}. */
@Command(
    name = "sentio",
    mixinStandardHelpOptions = true,
    versionProvider = SentioCommand.Version.class,
    description =
        "Sentio reads a person's face, voice and words in recordings and shows how they felt,"
            + " moment by moment. Everything runs on this machine.",
    subcommands = {
      AnalyzeCommand.class,
      SessionsCommand.class,
      ModelsCommand.class,
      BenchCommand.class,
      FaceBenchCommand.class,
      FusionBenchCommand.class,
      ReportCommand.class,
      ExportCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      DicomCommand.class,
      WorkflowsCommand.class,
      ImportCommand.class,
      ClusterCommand.class,
      PrivacyCommand.class,
      FederateCommand.class,
      AsrEvalCommand.class,
      CacheCommand.class,
      ShareCommand.class,
      AuditCommand.class,
      StoreCommand.class
    })
public final class SentioCommand {

  /** The version from the jar's manifest. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SentioCommand.class.getPackage().getImplementationVersion();
      return new String[] {"Sentio " + (version == null ? "(development build)" : version)};
    }
  }
}
