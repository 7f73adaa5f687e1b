package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.train.ModelFolder;
import org.sentio.learning.federated.FusionModelFolder;
import org.sentio.learning.federated.UpdateFile;
import org.sentio.learning.federated.WeightTensors;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * {@code sentio federate export|aggregate} on the shipped fusion model as the base: a round of two
 * sites' updates makes a model that loads; every refusal is one line and writes nothing.
 */
class FederateCommandTest {
  private static Path base;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    base = Path.of(root).resolve("resources/models/fusion-moe").toAbsolutePath().normalize();
  }

  /** A site's update: a small real delta (a fraction of the base's own weights) as a .sfu file. */
  private static Path update(Path dir, String name, String baseSha, long samples, double f)
      throws Exception {
    Map<String, WeightTensors.Tensor> w = WeightTensors.of(FusionModelFolder.read(base).weights());
    Map<String, WeightTensors.Tensor> delta = WeightTensors.plus(WeightTensors.minus(w, w), w, f);
    Path file = dir.resolve(name);
    Files.write(file, UpdateFile.encode(baseSha, samples, 1.2, 1e-5, false, delta, null));
    return file;
  }

  private static EvaluateCommandTest.Run aggregate(Path out, Path... updates) {
    String[] args = new String[updates.length + 6];
    args[0] = "federate";
    args[1] = "aggregate";
    for (int i = 0; i < updates.length; i++) {
      args[2 + i] = updates[i].toString();
    }
    args[2 + updates.length] = "--base";
    args[3 + updates.length] = base.toString();
    args[4 + updates.length] = "--out";
    args[5 + updates.length] = out.toString();
    return EvaluateCommandTest.run(args);
  }

  @Test
  void twoSitesUpdatesMakeAModelThatLoads(@TempDir Path dir) throws Exception {
    String sha = ModelFolder.sha256(base.resolve("model.onnx"));
    Path a = update(dir, "a.sfu", sha, 300, 0.02);
    Path b = update(dir, "b.sfu", sha, 100, -0.02);
    Path out = dir.resolve("round1");
    EvaluateCommandTest.Run r = aggregate(out, a, b);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("FedAvg of 2 updates over 400 samples");
    assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"federated\"");
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    try (MoeFusion fusion = MoeFusion.open(host, new ModelRegistry(dir, "retrain"))) {
      assertThat(fusion.formulation()).isNotNull();
    }
    // Base + (300·0.02 − 100·0.02)/400 = base · 1.01 (within 4-bit steps).
    float[] wc = FusionModelFolder.read(out).weights().wc();
    float[] baseWc = FusionModelFolder.read(base).weights().wc();
    for (int i = 0; i < wc.length; i++) {
      assertThat(Math.abs(wc[i] - 1.01f * baseWc[i])).isLessThan(0.005f);
    }
  }

  @Test
  void foreignCorruptTruncatedAndDuplicateUpdatesAreRefusedAndNothingIsWritten(@TempDir Path dir)
      throws Exception {
    String sha = ModelFolder.sha256(base.resolve("model.onnx"));
    Path good = update(dir, "good.sfu", sha, 100, 0.01);
    Path foreign = update(dir, "foreign.sfu", "0".repeat(64), 100, 0.01);
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("truncated.sfu"), Arrays.copyOf(bytes, 200));
    byte[] flipped = bytes.clone();
    flipped[bytes.length - 40] ^= 1;
    Path corrupt = Files.write(dir.resolve("corrupt.sfu"), flipped);
    Path copy = Files.write(dir.resolve("copy.sfu"), bytes);
    Path absurd = update(dir, "absurd.sfu", sha, 100, 3.0);
    Path out = dir.resolve("new");
    for (Object[] c :
        new Object[][] {
          {foreign, "foreign.sfu: made for another base model"},
          {truncated, "truncated.sfu: truncated"},
          {corrupt, "corrupt.sfu: corrupt (checksum mismatch)"},
          {copy, "copy.sfu: the same update as"},
          {absurd, "absurd.sfu: update norm"},
        }) {
      EvaluateCommandTest.Run r = aggregate(out, good, (Path) c[0]);
      assertThat(r.exit()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains((String) c[1]);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void exportRefusesAModelNotTrainedWithDifferentialPrivacy(@TempDir Path dir) {
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "federate",
            "export",
            "--base",
            base.toString(),
            "--model",
            base.toString(),
            "--out",
            dir.resolve("u.sfu").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("was not trained with differential privacy");
    assertThat(dir.resolve("u.sfu")).doesNotExist();
  }

  @Test
  void exportWritesASiteModelsDeltaFromItsBaseAsAFourBitUpdate(@TempDir Path dir) throws Exception {
    FusionModelFolder baseModel = FusionModelFolder.read(base);
    var w = WeightTensors.of(baseModel.weights());
    Map<String, Object> privacy = new java.util.LinkedHashMap<>();
    privacy.put("epsilon", 1.5);
    privacy.put("delta", 1e-5);
    privacy.put("windows", 640);
    privacy.put("startedFrom", baseModel.sha256());
    Map<String, Object> manifest = new java.util.LinkedHashMap<>(baseModel.manifest());
    manifest.remove("sha256");
    manifest.put("privacy", privacy);
    Path site = dir.resolve("site");
    ModelFolder.write(
        site,
        org.sentio.affect.fusion.MoeOnnx.write(
            WeightTensors.toWeights(WeightTensors.plus(w, w, 0.05), baseModel.weights()),
            org.sentio.affect.fusion.MoeOnnx.Formulation.FUSED,
            "test",
            ""),
        manifest);
    Path out = dir.resolve("site.sfu");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "federate",
            "export",
            "--base",
            base.toString(),
            "--model",
            site.toString(),
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("% smaller").contains("640 windows");
    UpdateFile.Update u = UpdateFile.read(out);
    assertThat(u.baseSha256()).isEqualTo(baseModel.sha256());
    assertThat(u.samples()).isEqualTo(640);
    assertThat(u.epsilon()).isEqualTo(1.5);
    assertThat(Files.size(out)).isLessThan(WeightTensors.size(w) * 4 / 5);

    // Against another base than the one it started from: refused, nothing written.
    Path elsewhere = dir.resolve("other.sfu");
    EvaluateCommandTest.Run foreign =
        EvaluateCommandTest.run(
            "federate",
            "export",
            "--base",
            site.toString(),
            "--model",
            site.toString(),
            "--out",
            elsewhere.toString());
    assertThat(foreign.exit()).isEqualTo(2);
    assertThat(foreign.err()).contains("was not trained from");
    assertThat(elsewhere).doesNotExist();
  }

  /** A DP-trained site model started from the base, as train fusion --dp --start writes it. */
  private static Path siteModel(Path dir, String name, double f) throws Exception {
    FusionModelFolder baseModel = FusionModelFolder.read(base);
    var w = WeightTensors.of(baseModel.weights());
    Map<String, Object> privacy = new java.util.LinkedHashMap<>();
    privacy.put("epsilon", 1.5);
    privacy.put("delta", 1e-5);
    privacy.put("windows", 640);
    privacy.put("startedFrom", baseModel.sha256());
    Map<String, Object> manifest = new java.util.LinkedHashMap<>(baseModel.manifest());
    manifest.remove("sha256");
    manifest.put("privacy", privacy);
    Path site = dir.resolve(name);
    ModelFolder.write(
        site,
        org.sentio.affect.fusion.MoeOnnx.write(
            WeightTensors.toWeights(WeightTensors.plus(w, w, f), baseModel.weights()),
            org.sentio.affect.fusion.MoeOnnx.Formulation.FUSED,
            "test",
            ""),
        manifest);
    return site;
  }

  @Test
  void withTrustOnlyUpdatesSignedByATrustedSiteKeyAreAveraged(@TempDir Path dir) throws Exception {
    for (String site : new String[] {"clinic", "callcentre", "stranger"}) {
      EvaluateCommandTest.Run k =
          EvaluateCommandTest.run("federate", "keygen", "--out", dir.resolve(site).toString());
      assertThat(k.exit()).as(k.err()).isZero();
    }
    if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("clinic.key"))))
          .isEqualTo("rw-------");
    }
    EvaluateCommandTest.Run again =
        EvaluateCommandTest.run("federate", "keygen", "--out", dir.resolve("clinic").toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("clinic.key exists");

    Path[] updates = new Path[3];
    String[] sites = {"clinic", "callcentre", "stranger"};
    for (int i = 0; i < 3; i++) {
      Path model = siteModel(dir, sites[i] + "-model", 0.01 * (i + 1));
      updates[i] = dir.resolve(sites[i] + ".sfu");
      EvaluateCommandTest.Run r =
          EvaluateCommandTest.run(
              "federate",
              "export",
              "--base",
              base.toString(),
              "--model",
              model.toString(),
              "--out",
              updates[i].toString(),
              "--sign",
              dir.resolve(sites[i] + ".key").toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("signed with key");
      assertThat(dir.resolve(sites[i] + ".sfu.sig")).exists();
    }
    String clinicPub = dir.resolve("clinic.pub").toString();
    String callPub = dir.resolve("callcentre.pub").toString();

    Path out = dir.resolve("round");
    EvaluateCommandTest.Run trusted =
        EvaluateCommandTest.run(
            "federate",
            "aggregate",
            updates[0].toString(),
            updates[1].toString(),
            "--base",
            base.toString(),
            "--out",
            out.toString(),
            "--trust",
            clinicPub,
            callPub);
    assertThat(trusted.exit()).as(trusted.err()).isZero();
    assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"signedBy\"");

    // A stranger's key, a missing signature, and bytes altered after signing (the update's own
    // checksum made valid again, as a forger would): each refuses the round, nothing is written.
    Path unsigned = dir.resolve("unsigned.sfu");
    Files.copy(updates[1], unsigned);
    byte[] bytes = Files.readAllBytes(updates[0]);
    byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
    body[body.length - 10] ^= 1;
    byte[] forged = Arrays.copyOf(body, bytes.length);
    System.arraycopy(
        java.security.MessageDigest.getInstance("SHA-256").digest(body),
        0,
        forged,
        body.length,
        32);
    Path altered = dir.resolve("altered.sfu");
    Files.write(altered, forged);
    Files.copy(dir.resolve("clinic.sfu.sig"), dir.resolve("altered.sfu.sig"));
    Path refusedOut = dir.resolve("refused");
    for (Object[] c :
        new Object[][] {
          {updates[2], "stranger.sfu: signed by key", "not among the trusted keys"},
          {unsigned, "unsigned.sfu: not signed (no unsigned.sfu.sig)", "--sign KEY"},
          {altered, "altered.sfu: the signature by key", "does not match the file"},
        }) {
      EvaluateCommandTest.Run r =
          EvaluateCommandTest.run(
              "federate",
              "aggregate",
              updates[1].toString(),
              c[0].toString(),
              "--base",
              base.toString(),
              "--out",
              refusedOut.toString(),
              "--trust",
              clinicPub,
              callPub);
      assertThat(r.exit()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains((String) c[1]).contains((String) c[2]);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(refusedOut).doesNotExist();
    }
    // Without --trust the same altered update passes the checksum: only a signature catches it.
    assertThat(UpdateFile.read(altered).samples()).isEqualTo(640);

    Path notAKey = Files.writeString(dir.resolve("bogus.pub"), "hello");
    EvaluateCommandTest.Run bogus =
        EvaluateCommandTest.run(
            "federate",
            "aggregate",
            updates[0].toString(),
            "--base",
            base.toString(),
            "--out",
            refusedOut.toString(),
            "--trust",
            notAKey.toString());
    assertThat(bogus.exit()).isEqualTo(2);
    assertThat(bogus.err()).contains("bogus.pub: not a PEM public key file");
  }
}
