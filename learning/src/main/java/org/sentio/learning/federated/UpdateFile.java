package org.sentio.learning.federated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A site's federated update, {@code .sfu}: the weight delta from a base model, quantised to 4 bits
 * per value with one float32 scale per row. Layout (big-endian):
 *
 * <pre>
 * magic "SFU\u001a" · version u16 (1) · header length u32 · header (UTF-8 JSON: format, baseSha256,
 * samples, epsilon, delta, bits, scale "per-row", errorFeedback, tensors [{name, shape}])
 * · for each tensor in header order: rows × float32 scale, then ⌈values/2⌉ bytes of codes
 * · sha256 of everything before it (32 bytes)
 * </pre>
 *
 * <p>Reading checks the magic, the version, the header, that every byte the header promises is
 * there and no more, and the checksum; each failure is one {@link UpdateFileException} naming the
 * file and what is wrong.
 */
public final class UpdateFile {
  public static final byte[] MAGIC = {'S', 'F', 'U', 0x1a};
  public static final int VERSION = 1;
  public static final String EXTENSION = ".sfu";
  private static final int CHECKSUM_BYTES = 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an update file says about itself, and its delta. */
  public record Update(
      String baseSha256,
      long samples,
      double epsilon,
      double delta,
      boolean errorFeedback,
      Map<String, WeightTensors.Tensor> weightDelta,
      String checksum) {}

  /** An update file that cannot be used: the message names the file and the fault. */
  public static final class UpdateFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UpdateFileException(String message) {
      super(message);
    }
  }

  private UpdateFile() {}

  /**
   * The bytes of an update carrying {@code weightDelta} quantised to 4 bits.
   *
   * @param dequantised receives the delta as the receiver will read it (for error feedback)
   */
  public static byte[] encode(
      String baseSha256,
      long samples,
      double epsilon,
      double delta,
      boolean errorFeedback,
      Map<String, WeightTensors.Tensor> weightDelta,
      Map<String, WeightTensors.Tensor> dequantised) {
    try {
      ObjectNode header = JSON.createObjectNode();
      header.put(
          "format", "Sentio federated update (weight delta, symmetric 4-bit, per-row scale)");
      header.put("baseSha256", baseSha256);
      header.put("samples", samples);
      header.put("epsilon", epsilon);
      header.put("delta", delta);
      header.put("bits", Quantiser.BITS);
      header.put("scale", "per-row");
      header.put("errorFeedback", errorFeedback);
      ArrayNode tensors = header.putArray("tensors");
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      DataOutputStream p = new DataOutputStream(payload);
      for (Map.Entry<String, WeightTensors.Tensor> e : weightDelta.entrySet()) {
        WeightTensors.Tensor t = e.getValue();
        ObjectNode entry = tensors.addObject();
        entry.put("name", e.getKey());
        ArrayNode shape = entry.putArray("shape");
        Arrays.stream(t.shape()).forEach(shape::add);
        Quantiser.Quantised q = Quantiser.quantise(t.values(), t.rows(), t.columns());
        for (float scale : q.scales()) {
          p.writeFloat(scale);
        }
        p.write(q.packed());
        if (dequantised != null) {
          dequantised.put(e.getKey(), new WeightTensors.Tensor(t.shape(), Quantiser.dequantise(q)));
        }
      }
      byte[] headerBytes = JSON.writeValueAsBytes(header);
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      DataOutputStream f = new DataOutputStream(file);
      f.write(MAGIC);
      f.writeShort(VERSION);
      f.writeInt(headerBytes.length);
      f.write(headerBytes);
      f.write(payload.toByteArray());
      f.write(sha256(file.toByteArray(), file.size()));
      return file.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  /** Reads and checks an update file. */
  public static Update read(Path file) throws UpdateFileException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UpdateFileException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return decode(file.toString(), bytes);
  }

  static Update decode(String name, byte[] bytes) throws UpdateFileException {
    if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new UpdateFileException(
          name + ": not a Sentio federated update (.sfu): its first bytes are not SFU");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(MAGIC.length);
    try {
      int version = Short.toUnsignedInt(in.getShort());
      if (version != VERSION) {
        throw new UpdateFileException(
            name
                + ": update format version "
                + version
                + ", this Sentio reads version "
                + VERSION
                + "; export it again with this version");
      }
      int headerLength = in.getInt();
      if (headerLength < 2 || headerLength > in.remaining()) {
        throw truncated(name);
      }
      byte[] headerBytes = new byte[headerLength];
      in.get(headerBytes);
      JsonNode header;
      try {
        header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UpdateFileException(name + ": corrupt header (not JSON)");
      }
      if (header.path("bits").asInt() != Quantiser.BITS
          || !"per-row".equals(header.path("scale").asText())) {
        throw new UpdateFileException(
            name + ": unsupported quantisation (expected 4 bits with per-row scales)");
      }
      Map<String, WeightTensors.Tensor> delta = new LinkedHashMap<>();
      for (JsonNode entry : header.path("tensors")) {
        int[] shape = new int[entry.path("shape").size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = entry.path("shape").get(i).asInt();
          if (shape[i] < 1) {
            throw new UpdateFileException(
                name + ": corrupt header (a tensor shape is not positive)");
          }
          size *= shape[i];
        }
        if (size > bytes.length * 2L) {
          throw truncated(name);
        }
        int columns = shape.length == 0 ? 1 : shape[shape.length - 1];
        int rows = (int) (size / columns);
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
          scales[r] = in.getFloat();
          if (!Float.isFinite(scales[r]) || scales[r] < 0) {
            throw new UpdateFileException(name + ": corrupt (a scale is not a finite number ≥ 0)");
          }
        }
        byte[] packed = new byte[Quantiser.Quantised.packedBytes((int) size)];
        in.get(packed);
        delta.put(
            entry.path("name").asText(),
            new WeightTensors.Tensor(
                shape,
                Quantiser.dequantise(new Quantiser.Quantised(rows, columns, scales, packed))));
      }
      if (in.remaining() < CHECKSUM_BYTES) {
        throw truncated(name);
      }
      if (in.remaining() > CHECKSUM_BYTES) {
        throw new UpdateFileException(
            name + ": " + (in.remaining() - CHECKSUM_BYTES) + " bytes more than its header says");
      }
      int body = in.position();
      byte[] stored = Arrays.copyOfRange(bytes, body, bytes.length);
      byte[] actual = sha256(bytes, body);
      if (!Arrays.equals(stored, actual)) {
        throw new UpdateFileException(
            name + ": corrupt (checksum mismatch); ask the site to export it again");
      }
      return new Update(
          header.path("baseSha256").asText(),
          header.path("samples").asLong(),
          header.path("epsilon").asDouble(),
          header.path("delta").asDouble(),
          header.path("errorFeedback").asBoolean(),
          delta,
          HexFormat.of().formatHex(actual));
    } catch (BufferUnderflowException e) {
      throw truncated(name);
    }
  }

  private static UpdateFileException truncated(String name) {
    return new UpdateFileException(
        name + ": truncated (the file ends before the data its header describes)");
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
