package org.sentio.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded model. Inputs and outputs cross as plain {@link Tensor}s: native tensors and results
 * are created and closed inside each call. {@link #run} may be called from several threads. {@link
 * #close()} waits for the runs in flight and later runs fail with a {@link ModelException}: ONNX
 * Runtime's own close frees the native session under a run still using it, which crashes the JVM (a
 * SIGSEGV on a face thread whose stream was closed under it).
 */
public final class ModelSession implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final InstalledModel model;
  private final ExecutionProvider provider;

  /** Runs hold the read lock, close the write lock: the native session is freed by no run. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private boolean closed;

  ModelSession(
      OrtEnvironment environment,
      OrtSession session,
      InstalledModel model,
      ExecutionProvider provider) {
    this.environment = environment;
    this.session = session;
    this.model = model;
    this.provider = provider;
  }

  public InstalledModel model() {
    return model;
  }

  public ExecutionProvider provider() {
    return provider;
  }

  public Set<String> inputNames() {
    return session.getInputNames();
  }

  public Set<String> outputNames() {
    return session.getOutputNames();
  }

  /** The declared shape of each input (-1 for a free dimension). */
  public Map<String, long[]> inputShapes() throws ModelException {
    return shapes(true);
  }

  /** The declared shape of each output (-1 for a free dimension). */
  public Map<String, long[]> outputShapes() throws ModelException {
    return shapes(false);
  }

  private Map<String, long[]> shapes(boolean inputs) throws ModelException {
    try {
      Map<String, NodeInfo> infos = inputs ? session.getInputInfo() : session.getOutputInfo();
      Map<String, long[]> shapes = new LinkedHashMap<>();
      for (Map.Entry<String, NodeInfo> entry : infos.entrySet()) {
        if (entry.getValue().getInfo() instanceof TensorInfo info) {
          shapes.put(entry.getKey(), info.getShape());
        }
      }
      return shapes;
    } catch (OrtException e) {
      throw new ModelException(model.modelFile() + ": cannot read the graph's signature", e);
    }
  }

  /** Runs the model on all its inputs and returns every output as a float or int64 tensor. */
  public Map<String, Tensor> run(Map<String, Tensor> inputs) throws ModelException {
    Lock running = lifecycle.readLock();
    running.lock();
    try {
      if (closed) {
        throw new ModelException(
            model.name() + ": the session was closed before this run; the analysis was stopped");
      }
      return runOpen(inputs);
    } finally {
      running.unlock();
    }
  }

  private Map<String, Tensor> runOpen(Map<String, Tensor> inputs) throws ModelException {
    Map<String, OnnxTensor> nativeInputs = new HashMap<>();
    try {
      for (Map.Entry<String, Tensor> entry : inputs.entrySet()) {
        nativeInputs.put(entry.getKey(), toNative(entry.getValue()));
      }
      try (OrtSession.Result result = session.run(nativeInputs)) {
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> entry : result) {
          outputs.put(entry.getKey(), fromNative(entry.getKey(), entry.getValue()));
        }
        return outputs;
      }
    } catch (OrtException e) {
      throw new ModelException(
          model.name() + ": inference failed (" + firstLine(e.getMessage()) + ")", e);
    } finally {
      nativeInputs.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * Runs items through the model in batches of at most {@code maxBatch}, stacking them along a new
   * first dimension of the single input {@code inputName}, and splits every float output back per
   * item.
   *
   * @param itemShape the shape of one item, without the batch dimension
   */
  public List<Map<String, float[]>> runBatched(
      String inputName, long[] itemShape, List<float[]> items, int maxBatch) throws ModelException {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    int itemSize = 1;
    for (long dim : itemShape) {
      itemSize = Math.multiplyExact(itemSize, (int) dim);
    }
    List<Map<String, float[]>> results = new ArrayList<>(items.size());
    for (int from = 0; from < items.size(); from += maxBatch) {
      int count = Math.min(maxBatch, items.size() - from);
      float[] batch = new float[count * itemSize];
      for (int i = 0; i < count; i++) {
        float[] item = items.get(from + i);
        if (item.length != itemSize) {
          throw new IllegalArgumentException(
              "item " + (from + i) + " has " + item.length + " values, expected " + itemSize);
        }
        System.arraycopy(item, 0, batch, i * itemSize, itemSize);
      }
      long[] shape = new long[itemShape.length + 1];
      shape[0] = count;
      System.arraycopy(itemShape, 0, shape, 1, itemShape.length);
      Map<String, Tensor> outputs = run(Map.of(inputName, Tensor.ofFloats(shape, batch)));
      for (int i = 0; i < count; i++) {
        Map<String, float[]> perItem = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> output : outputs.entrySet()) {
          if (output.getValue().isFloat()) {
            float[] all = output.getValue().floats();
            int size = all.length / count;
            float[] slice = new float[size];
            System.arraycopy(all, i * size, slice, 0, size);
            perItem.put(output.getKey(), slice);
          }
        }
        results.add(perItem);
      }
    }
    return results;
  }

  private OnnxTensor toNative(Tensor tensor) throws OrtException {
    if (tensor.isFloat()) {
      return OnnxTensor.createTensor(
          environment, FloatBuffer.wrap(tensor.floats()), tensor.shape());
    }
    return OnnxTensor.createTensor(environment, LongBuffer.wrap(tensor.longs()), tensor.shape());
  }

  private Tensor fromNative(String name, OnnxValue value) throws ModelException {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new ModelException(model.name() + ": output '" + name + "' is not a tensor");
    }
    long[] shape = tensor.getInfo().getShape();
    return switch (tensor.getInfo().type) {
      case FLOAT -> {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        yield Tensor.ofFloats(shape, data);
      }
      case INT64 -> {
        LongBuffer buffer = tensor.getLongBuffer();
        long[] data = new long[buffer.remaining()];
        buffer.get(data);
        yield Tensor.ofLongs(shape, data);
      }
      default ->
          throw new ModelException(
              model.name()
                  + ": output '"
                  + name
                  + "' has unsupported type "
                  + tensor.getInfo().type);
    };
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Waits for the runs in flight, then frees the native session; closing twice does nothing. */
  @Override
  public void close() throws ModelException {
    Lock closing = lifecycle.writeLock();
    closing.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
    } catch (OrtException e) {
      throw new ModelException(model.name() + ": could not close the session", e);
    } finally {
      closing.unlock();
    }
  }
}
