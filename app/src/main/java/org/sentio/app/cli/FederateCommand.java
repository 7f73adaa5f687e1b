package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sentio.affect.Emotion;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.train.SharedData;
import org.sentio.app.SentioHome;
import org.sentio.learning.federated.FederatedAveraging;
import org.sentio.learning.federated.FederatedSimulation;
import org.sentio.learning.federated.FusionModelFolder;
import org.sentio.learning.federated.SimulationReport;
import org.sentio.learning.federated.UpdateFile;
import org.sentio.learning.federated.UpdateSignature;
import org.sentio.learning.federated.WeightTensors;
import org.sentio.learning.privacy.DpSgdTrainer;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio federate export|aggregate|simulate}: federated rounds as files. */
@Command(
    name = "federate",
    mixinStandardHelpOptions = true,
    description =
        "Federated learning across sites: export a DP-trained update as a 4-bit .sfu file,"
            + " aggregate sites' updates (FedAvg), or simulate a federation.",
    subcommands = {
      FederateCommand.Export.class,
      FederateCommand.Aggregate.class,
      FederateCommand.Simulate.class,
      FederateCommand.Keygen.class
    })
public final class FederateCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError(
        "federate: say export, aggregate, simulate or keygen (see sentio federate --help)");
  }

  static FusionModelFolder model(String what, Path folder) throws UserError {
    try {
      return FusionModelFolder.read(folder);
    } catch (IllegalArgumentException e) {
      throw new UserError(what + ": " + e.getMessage(), e);
    }
  }

  /** {@code sentio federate export}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write this site's update: the difference between a model trained with"
              + " train fusion --dp --start BASE and BASE, quantised to 4 bits.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--base", required = true, paramLabel = "DIR", description = "Base model.")
    Path base;

    @Option(
        names = "--model",
        required = true,
        paramLabel = "DIR",
        description = "This site's model, trained with --dp --start BASE.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .sfu file.")
    Path out;

    @Option(
        names = "--sign",
        paramLabel = "KEY",
        description =
            "Sign the update with this site's Ed25519 private key (NAME.key from sentio federate"
                + " keygen, with NAME.pub beside it); writes FILE.sig next to the update.")
    Path sign;

    @Override
    public Integer call() throws Exception {
      PrivateKey signingKey = null;
      PublicKey signer = null;
      if (sign != null) {
        try {
          signingKey = UpdateSignature.readPrivate(sign);
          signer = UpdateSignature.readPublic(publicBeside(sign));
        } catch (UpdateSignature.KeyFileException e) {
          throw new UserError("federate export --sign: " + e.getMessage(), e);
        }
      }
      FusionModelFolder baseModel = model("federate export --base", base);
      FusionModelFolder site = model("federate export --model", model);
      Map<String, Object> privacy = site.privacy();
      if (privacy == null) {
        throw new UserError(
            "federate export: "
                + model
                + " was not trained with differential privacy; train it with sentio train fusion"
                + " --dp --start "
                + base);
      }
      if (!baseModel.sha256().equals(privacy.get("startedFrom"))) {
        throw new UserError(
            "federate export: "
                + model
                + " was not trained from "
                + base
                + " (its manifest names another start); train it with --start "
                + base);
      }
      if (!out.getFileName().toString().endsWith(UpdateFile.EXTENSION)) {
        throw new UserError("federate export: --out must end in " + UpdateFile.EXTENSION);
      }
      var delta =
          WeightTensors.minus(
              WeightTensors.of(site.weights()), WeightTensors.of(baseModel.weights()));
      byte[] bytes =
          UpdateFile.encode(
              baseModel.sha256(),
              ((Number) privacy.get("windows")).longValue(),
              ((Number) privacy.get("epsilon")).doubleValue(),
              ((Number) privacy.get("delta")).doubleValue(),
              false,
              delta,
              null);
      try {
        Files.write(out, bytes);
        if (signingKey != null) {
          Path signature = UpdateSignature.sign(out, bytes, signingKey, signer);
          System.out.println(
              "signed with key "
                  + UpdateSignature.fingerprint(signer)
                  + ": "
                  + signature.getFileName()
                  + " goes with the update");
        }
      } catch (IOException e) {
        throw new UserError(out + ": cannot write (" + e.getMessage() + ")", e);
      }
      long float32 = 4 * WeightTensors.size(delta);
      System.out.printf(
          Locale.ROOT,
          "wrote %s: %d bytes (float32 would be %d: %.1f%% smaller), %s windows, epsilon %s%n",
          out,
          bytes.length,
          float32,
          100 * (1 - bytes.length / (double) float32),
          privacy.get("windows"),
          privacy.get("epsilon"));
      return 0;
    }
  }

  /** {@code sentio federate aggregate}. */
  @Command(
      name = "aggregate",
      mixinStandardHelpOptions = true,
      description =
          "Average sites' .sfu updates weighted by their samples (FedAvg) onto the base model."
              + " Refuses foreign, corrupt, truncated or duplicate updates and absurd norms; writes"
              + " nothing then.")
  static final class Aggregate implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "UPDATE", description = "The sites' .sfu files.")
    List<Path> updates;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "Base model.")
    Path base;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Folder for the new model (must not exist yet).")
    Path out;

    @Option(
        names = "--max-norm",
        paramLabel = "X",
        description = "Largest update norm accepted (default: the base model's own weight norm).")
    Double maxNorm;

    @Option(
        names = "--trust",
        arity = "1..*",
        paramLabel = "PUBKEY",
        description =
            "Accept only updates signed by one of these sites' Ed25519 public keys (NAME.pub);"
                + " an unsigned, foreign-signed or altered update refuses the round.")
    List<Path> trust;

    @Override
    public Integer call() throws Exception {
      List<PublicKey> trusted = new ArrayList<>();
      for (Path key : trust == null ? List.<Path>of() : trust) {
        try {
          trusted.add(UpdateSignature.readPublic(key));
        } catch (UpdateSignature.KeyFileException e) {
          throw new UserError("federate aggregate --trust: " + e.getMessage(), e);
        }
      }
      FusionModelFolder baseModel = model("federate aggregate --base", base);
      if (Files.exists(out)) {
        throw new UserError(
            "federate aggregate: " + out + " exists; choose a new folder for the new model");
      }
      var baseTensors = WeightTensors.of(baseModel.weights());
      List<FederatedAveraging.Input> inputs = new ArrayList<>();
      Map<String, Object> about = new LinkedHashMap<>();
      List<Map<String, Object>> sites = new ArrayList<>();
      try {
        for (Path file : updates) {
          PublicKey signer = null;
          if (!trusted.isEmpty()) {
            byte[] bytes;
            try {
              bytes = Files.readAllBytes(file);
            } catch (IOException e) {
              throw new UpdateFile.UpdateFileException(
                  file + ": cannot read (" + e.getMessage() + ")");
            }
            signer = UpdateSignature.verify(file, bytes, trusted);
          }
          UpdateFile.Update u = UpdateFile.read(file);
          inputs.add(new FederatedAveraging.Input(file, u));
          Map<String, Object> site = new LinkedHashMap<>();
          if (signer != null) {
            site.put("signedBy", UpdateSignature.fingerprint(signer));
          }
          site.put("file", file.getFileName().toString());
          site.put("sha256", u.checksum());
          site.put("samples", u.samples());
          site.put("epsilon", u.epsilon());
          site.put("delta", u.delta());
          sites.add(site);
        }
        var averaged =
            FederatedAveraging.average(
                baseTensors,
                baseModel.sha256(),
                inputs,
                maxNorm != null ? maxNorm : WeightTensors.norm(baseTensors));
        about.put("method", "FedAvg (McMahan et al. 2017), sample-weighted, 4-bit updates");
        about.put("base", baseModel.sha256());
        about.put("updates", sites);
        String version = baseModel.manifest().get("version") + "+fedavg";
        about.put(
            "epsilonPerSite",
            sites.stream().mapToDouble(s -> (Double) s.get("epsilon")).max().orElse(0));
        baseModel.writeDerived(
            out,
            WeightTensors.toWeights(
                WeightTensors.plus(baseTensors, averaged, 1), baseModel.weights()),
            version,
            about);
      } catch (UpdateFile.UpdateFileException e) {
        throw new UserError("federate aggregate: " + e.getMessage(), e);
      }
      long samples = inputs.stream().mapToLong(i -> i.update().samples()).sum();
      System.out.printf(
          Locale.ROOT,
          "wrote %s: FedAvg of %d updates over %d samples; compare it with: sentio models compare"
              + " %s%n",
          out,
          inputs.size(),
          samples,
          out);
      return 0;
    }
  }

  /** NAME.pub beside a private key file NAME.key. */
  static Path publicBeside(Path privateKey) {
    String name = privateKey.getFileName().toString();
    String stem = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
    return privateKey.resolveSibling(stem + ".pub");
  }

  /** {@code sentio federate keygen}. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description =
          "Make a site's Ed25519 key pair for signing updates: NAME.key (private, keep it at the"
              + " site) and NAME.pub (give it to the aggregator for --trust).")
  static final class Keygen implements Callable<Integer> {
    @Option(
        names = "--out",
        required = true,
        paramLabel = "NAME",
        description = "Path and name of the key files, without extension.")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path privateFile = out.resolveSibling(out.getFileName() + ".key");
      Path publicFile = out.resolveSibling(out.getFileName() + ".pub");
      KeyPair keys = UpdateSignature.generate();
      try {
        UpdateSignature.write(keys, privateFile, publicFile);
      } catch (IOException e) {
        throw new UserError("federate keygen: " + e.getMessage(), e);
      }
      System.out.println(
          "wrote "
              + privateFile
              + " (private: stays at this site) and "
              + publicFile
              + " (key "
              + UpdateSignature.fingerprint(keys.getPublic())
              + ": give it to the aggregator)");
      return 0;
    }
  }

  /** {@code sentio federate simulate}. */
  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description =
          "Simulate a federation over non-IID sites of the shared fusion training data: float32"
              + " FedAvg, 4-bit FedAvg (with and without error feedback) and centralised DP-SGD,"
              + " accuracy per round on held-out windows, bytes sent, epsilon per site.")
  static final class Simulate implements Callable<Integer> {
    @Option(names = "--sites", defaultValue = "4", description = "Sites (2-7).")
    int sites;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds (1-50).")
    int rounds;

    @Option(names = "--windows", defaultValue = "2000", description = "Training windows in all.")
    int windows;

    @Option(names = "--held-out", defaultValue = "700", description = "Held-out windows.")
    int heldOut;

    @Option(names = "--noise", defaultValue = "1.0", description = "Noise multiplier.")
    double noise;

    @Option(names = "--local-epochs", defaultValue = "1", description = "Local epochs a round.")
    int localEpochs;

    @Option(names = "--batch", defaultValue = "32", description = "Expected local batch.")
    int batch;

    @Option(
        names = "--report",
        paramLabel = "DIR",
        description = "Write the figures there (federated-simulation.md, accuracy SVG).")
    Path report;

    @Override
    public Integer call() throws Exception {
      if (sites < 2 || sites > 7 || rounds < 1 || rounds > 50) {
        throw new UserError("federate simulate: --sites must be 2-7 and --rounds 1-50");
      }
      if (windows < 100 * sites || heldOut < 50) {
        throw new UserError(
            "federate simulate: at least 100 windows per site and 50 held out are needed");
      }
      if (System.getProperty("sentio.shared.dir") == null) {
        System.setProperty(
            "sentio.shared.dir", SentioHome.locate().resolve("..").resolve("shared").toString());
      }
      for (String name : List.of(FusionData.FACES, FusionData.SPEECH, FusionData.TEXT)) {
        if (!Files.isRegularFile(SharedData.dataset(name).resolve("labels.csv"))) {
          throw new UserError(
              SharedData.dataset(name) + ": missing; federate simulate reads the shared data sets");
        }
      }
      DpSgdTrainer.Settings settings =
          new DpSgdTrainer.Settings(noise, 1.0, 1e9, 1e-5, batch, localEpochs, null);
      try {
        settings.check(windows / sites / 2);
      } catch (IllegalArgumentException e) {
        throw new UserError("federate simulate: " + e.getMessage(), e);
      }
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 0);
      ModelRegistry registry =
          new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
      FusionData.Pools pools;
      System.err.println("reading face, voice and text model outputs on the shared data ...");
      pools = FusionData.pools(host, registry, FusionData.Limits.ALL);
      MoeTrainer.Config config = MoeTrainer.Config.defaults();
      List<Emotion> labels = new ArrayList<>();
      MoeTrainer.Windows train =
          FusionData.encode(
              FusionData.windows(pools.train(), windows, config.seed(), labels, 3), labels);
      List<Emotion> heldLabels = new ArrayList<>();
      MoeTrainer.Windows held =
          FusionData.encode(
              FusionData.windows(pools.heldOut(), heldOut, config.seed() + 7, heldLabels),
              heldLabels);
      FederatedSimulation.Result result =
          new FederatedSimulation(config, settings, System.err::println)
              .run(train, held, sites, rounds, "simulation");
      String table = SimulationReport.markdown(result, settings, sites, rounds);
      System.out.print(table);
      if (report != null) {
        Files.createDirectories(report);
        Files.writeString(report.resolve("federated-simulation.md"), table);
        Files.writeString(
            report.resolve("federated-accuracy.svg"), SimulationReport.accuracySvg(result));
        System.err.println("wrote " + report.resolve("federated-simulation.md") + " and the SVG");
      }
      return 0;
    }
  }
}
