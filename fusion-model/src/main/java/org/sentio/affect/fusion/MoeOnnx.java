package org.sentio.affect.fusion;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import org.sentio.affect.train.OnnxInitializers;

/**
 * Writes {@link MoeWeights} as an ONNX graph (IR 8, opset 17), in one of two equivalent
 * formulations of the sparse MoE block:
 *
 * <ul>
 *   <li>{@link Formulation#STANDARD}: Softmax → TopK → renormalise; every expert by one batched
 *       MatMul; the chosen experts' outputs picked with GatherElements and mixed by ReduceSum.
 *   <li>{@link Formulation#FUSED}: ONNX Runtime's contrib {@code com.microsoft.MoE} (k, relu,
 *       normalize_routing_weights=1), weights laid out fc1 = [E, inter, hidden], fc2 = [E, hidden,
 *       inter] (the transposed layout runs silently wrong).
 * </ul>
 *
 * <p>Inputs: {@value #INPUT} [N, 30] ({@link MoeFusionModel#encode}) and {@value #MASK} [N, 3] (1
 * present, 0 absent). Outputs: {@value #EMOTIONS} [N, 7], {@value #VALENCE}, {@value #AROUSAL} [N,
 * 1], {@value #MODALITY_WEIGHTS} [N, 3], {@value #EXPERTS} [N, k] (int64) and {@value
 * #EXPERT_WEIGHTS} [N, k].
 */
public final class MoeOnnx {
  public static final String INPUT = "features";
  public static final String MASK = "mask";
  public static final String EMOTIONS = "emotions";
  public static final String VALENCE = "valence";
  public static final String AROUSAL = "arousal";
  public static final String MODALITY_WEIGHTS = "modality_weights";
  public static final String EXPERTS = "experts";
  public static final String EXPERT_WEIGHTS = "expert_weights";

  /** Added to the attention score of an absent modality (masks it out of the softmax). */
  public static final float MASK_PENALTY = 1e4f;

  public enum Formulation {
    STANDARD("standard ops (TopK/GatherElements)"),
    FUSED("com.microsoft.MoE");

    public final String description;

    Formulation(String description) {
      this.description = description;
    }
  }

  private MoeOnnx() {}

  public static byte[] write(MoeWeights w, Formulation formulation, String producer, String doc) {
    return build(w, formulation, null, producer, doc);
  }

  /**
   * The dense baseline of the benchmark: {@code w}'s projections, attention and heads with the MoE
   * block (router and experts) replaced by {@code ffn}, a dense FFN; outputs as {@link #write} but
   * without {@value #EXPERTS} and {@value #EXPERT_WEIGHTS}.
   */
  public static byte[] writeDense(MoeWeights w, DenseFfn ffn, String producer, String doc) {
    if (ffn.latent() != w.latent()) {
      throw new IllegalArgumentException(
          "dense FFN latent " + ffn.latent() + " differs from the model's " + w.latent());
    }
    return build(w, null, ffn, producer, doc);
  }

  private static byte[] build(
      MoeWeights w, Formulation formulation, DenseFfn dense, String producer, String doc) {
    int d = w.latent();
    GraphProto.Builder g = GraphProto.newBuilder().setName("sentio_moe_fusion");
    g.addInput(value(INPUT, TensorProto.DataType.FLOAT, MoeFusionModel.WIDTH));
    g.addInput(value(MASK, TensorProto.DataType.FLOAT, 3));
    int f = MoeFusionModel.FEATURES;
    g.addInitializer(OnnxInitializers.longs("split3", new long[] {f, f, f}));
    g.addNode(
        node("Split", new String[] {INPUT, "split3"}, "x0", "x1", "x2").toBuilder()
            .addAttribute(intAttr("axis", 1))
            .build());
    for (int m = 0; m < 3; m++) {
      g.addInitializer(OnnxInitializers.floats("proj" + m, new long[] {f, d}, w.proj()[m]));
      g.addInitializer(OnnxInitializers.floats("proj_b" + m, new long[] {d}, w.projBias()[m]));
      g.addInitializer(OnnxInitializers.floats("score" + m, new long[] {d, 1}, w.score()[m]));
      g.addInitializer(OnnxInitializers.floats("score_b" + m, new long[] {1}, w.scoreBias()[m]));
      g.addNode(node("Gemm", new String[] {"x" + m, "proj" + m, "proj_b" + m}, "zl" + m));
      g.addNode(node("Tanh", new String[] {"zl" + m}, "z" + m));
      g.addNode(node("Gemm", new String[] {"z" + m, "score" + m, "score_b" + m}, "s" + m));
      g.addNode(node("Unsqueeze", new String[] {"z" + m, "axis1"}, "zu" + m));
    }
    g.addInitializer(OnnxInitializers.longs("axis1", new long[] {1}));
    g.addInitializer(OnnxInitializers.longs("axis2", new long[] {2}));
    g.addInitializer(OnnxInitializers.floats("one", new long[] {}, new float[] {1f}));
    g.addInitializer(OnnxInitializers.floats("penalty", new long[] {}, new float[] {MASK_PENALTY}));
    g.addNode(concat(1, "scores", "s0", "s1", "s2"));
    g.addNode(node("Sub", new String[] {MASK, "one"}, "mask_off"));
    g.addNode(node("Mul", new String[] {"mask_off", "penalty"}, "mask_add"));
    g.addNode(node("Add", new String[] {"scores", "mask_add"}, "masked_scores"));
    g.addNode(softmax("masked_scores", MODALITY_WEIGHTS));
    g.addNode(concat(1, "z_stack", "zu0", "zu1", "zu2"));
    g.addNode(node("Unsqueeze", new String[] {MODALITY_WEIGHTS, "axis2"}, "mw3"));
    g.addNode(node("Mul", new String[] {"z_stack", "mw3"}, "z_weighted"));
    g.addNode(reduceSum("z_weighted", "axis1", false, "fused"));
    if (dense != null) {
      int hidden = dense.hidden();
      g.addInitializer(OnnxInitializers.floats("dense_w1", new long[] {d, hidden}, dense.w1()));
      g.addInitializer(OnnxInitializers.floats("dense_b1", new long[] {hidden}, dense.b1()));
      g.addInitializer(OnnxInitializers.floats("dense_w2", new long[] {hidden, d}, dense.w2()));
      g.addInitializer(OnnxInitializers.floats("dense_b2", new long[] {d}, dense.b2()));
      g.addNode(node("Gemm", new String[] {"fused", "dense_w1", "dense_b1"}, "dense_h"));
      g.addNode(node("Relu", new String[] {"dense_h"}, "dense_hr"));
      g.addNode(node("Gemm", new String[] {"dense_hr", "dense_w2", "dense_b2"}, "moe"));
    } else {
      addMoeBlock(g, w, formulation);
    }
    addHeads(g, w);
    if (dense == null) {
      g.addOutput(value(EXPERTS, TensorProto.DataType.INT64, w.topK()));
      g.addOutput(value(EXPERT_WEIGHTS, TensorProto.DataType.FLOAT, w.topK()));
    }
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName(producer)
            .setDocString(doc)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17));
    if (formulation == Formulation.FUSED) {
      model.addOpsetImport(
          OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1));
    }
    return model.setGraph(g).build().toByteArray();
  }

  private static void addMoeBlock(GraphProto.Builder g, MoeWeights w, Formulation formulation) {
    int d = w.latent();
    int e = w.experts();
    int in = w.inter();
    g.addInitializer(OnnxInitializers.floats("gate", new long[] {d, e}, w.gate()));
    g.addInitializer(OnnxInitializers.floats("gate_b", new long[] {e}, w.gateBias()));
    g.addInitializer(OnnxInitializers.longs("k", new long[] {w.topK()}));
    g.addNode(node("Gemm", new String[] {"fused", "gate", "gate_b"}, "router_logits"));
    g.addNode(softmax("router_logits", "router_probs"));
    g.addNode(node("TopK", new String[] {"router_probs", "k"}, "top_p", EXPERTS));
    g.addNode(reduceSum("top_p", "axis1", true, "top_sum"));
    g.addNode(node("Div", new String[] {"top_p", "top_sum"}, EXPERT_WEIGHTS));
    if (formulation == Formulation.STANDARD) {
      g.addInitializer(OnnxInitializers.floats("w1", new long[] {e, d, in}, w.w1()));
      g.addInitializer(OnnxInitializers.floats("b1", new long[] {e, 1, in}, w.b1()));
      g.addInitializer(OnnxInitializers.floats("w2", new long[] {e, in, d}, w.w2()));
      g.addInitializer(OnnxInitializers.floats("b2", new long[] {e, 1, d}, w.b2()));
      g.addInitializer(OnnxInitializers.longs("latent", new long[] {d}));
      g.addInitializer(OnnxInitializers.longs("axis0", new long[] {0}));
      g.addNode(node("Unsqueeze", new String[] {"fused", "axis0"}, "fused3"));
      g.addNode(node("MatMul", new String[] {"fused3", "w1"}, "h1"));
      g.addNode(node("Add", new String[] {"h1", "b1"}, "h1b"));
      g.addNode(node("Relu", new String[] {"h1b"}, "h1r"));
      g.addNode(node("MatMul", new String[] {"h1r", "w2"}, "h2"));
      g.addNode(node("Add", new String[] {"h2", "b2"}, "all_experts_end"));
      g.addNode(
          node("Transpose", new String[] {"all_experts_end"}, "all_experts").toBuilder()
              .addAttribute(intsAttr("perm", 1, 0, 2))
              .build());
      g.addNode(node("Unsqueeze", new String[] {EXPERTS, "axis2"}, "idx3"));
      g.addNode(node("Shape", new String[] {EXPERTS}, "idx_shape"));
      g.addNode(concat(0, "gather_shape", "idx_shape", "latent"));
      g.addNode(node("Expand", new String[] {"idx3", "gather_shape"}, "idx_expanded"));
      g.addNode(
          node("GatherElements", new String[] {"all_experts", "idx_expanded"}, "chosen").toBuilder()
              .addAttribute(intAttr("axis", 1))
              .build());
      g.addNode(node("Unsqueeze", new String[] {EXPERT_WEIGHTS, "axis2"}, "ew3"));
      g.addNode(node("Mul", new String[] {"chosen", "ew3"}, "chosen_weighted"));
      g.addNode(reduceSum("chosen_weighted", "axis1", false, "moe"));
    } else {
      g.addInitializer(
          OnnxInitializers.floats("fc1", new long[] {e, in, d}, transposeLast(w.w1(), e, d, in)));
      g.addInitializer(OnnxInitializers.floats("fc1_b", new long[] {e, in}, w.b1()));
      g.addInitializer(
          OnnxInitializers.floats("fc2", new long[] {e, d, in}, transposeLast(w.w2(), e, in, d)));
      g.addInitializer(OnnxInitializers.floats("fc2_b", new long[] {e, d}, w.b2()));
      g.addNode(
          node(
                  "MoE",
                  new String[] {"fused", "router_logits", "fc1", "fc1_b", "fc2", "fc2_b"},
                  "moe")
              .toBuilder()
              .setDomain("com.microsoft")
              .addAttribute(intAttr("k", w.topK()))
              .addAttribute(
                  AttributeProto.newBuilder()
                      .setName("activation_type")
                      .setType(AttributeProto.AttributeType.STRING)
                      .setS(ByteString.copyFromUtf8("relu")))
              .addAttribute(intAttr("normalize_routing_weights", 1))
              .build());
    }
  }

  private static void addHeads(GraphProto.Builder g, MoeWeights w) {
    int d = w.latent();
    g.addNode(node("Add", new String[] {"fused", "moe"}, "h"));
    g.addInitializer(OnnxInitializers.floats("wc", new long[] {d, 7}, w.wc()));
    g.addInitializer(OnnxInitializers.floats("bc", new long[] {7}, w.bc()));
    g.addNode(node("Gemm", new String[] {"h", "wc", "bc"}, "logits"));
    g.addNode(softmax("logits", EMOTIONS));
    for (String[] head : new String[][] {{"v", VALENCE}, {"a", AROUSAL}}) {
      g.addInitializer(
          OnnxInitializers.floats(
              "w" + head[0], new long[] {d, 1}, head[0].equals("v") ? w.wv() : w.wa()));
      g.addInitializer(
          OnnxInitializers.floats(
              "b" + head[0], new long[] {1}, head[0].equals("v") ? w.bv() : w.ba()));
      g.addNode(
          node("Gemm", new String[] {"h", "w" + head[0], "b" + head[0]}, head[1] + "_linear"));
      g.addNode(node("Tanh", new String[] {head[1] + "_linear"}, head[1]));
    }
    g.addOutput(value(EMOTIONS, TensorProto.DataType.FLOAT, 7));
    g.addOutput(value(VALENCE, TensorProto.DataType.FLOAT, 1));
    g.addOutput(value(AROUSAL, TensorProto.DataType.FLOAT, 1));
    g.addOutput(value(MODALITY_WEIGHTS, TensorProto.DataType.FLOAT, 3));
  }

  /** The formulation of a graph {@link #write} wrote: the fused one holds a {@code MoE} node. */
  public static Formulation formulationOf(byte[] onnx) throws InvalidProtocolBufferException {
    return formulationOf(ModelProto.parseFrom(onnx));
  }

  private static Formulation formulationOf(ModelProto model) {
    for (NodeProto node : model.getGraph().getNodeList()) {
      if (node.getOpType().equals("MoE") && node.getDomain().equals("com.microsoft")) {
        return Formulation.FUSED;
      }
    }
    return Formulation.STANDARD;
  }

  /**
   * The weights of a graph {@link #write} wrote, in either formulation, read from its initializers.
   *
   * @throws IllegalArgumentException naming what is missing or mis-shaped when the graph is not one
   *     of Sentio's MoE fusion graphs
   */
  public static MoeWeights read(byte[] onnx) throws InvalidProtocolBufferException {
    return read(ModelProto.parseFrom(onnx));
  }

  /** A graph {@link #write} wrote: its formulation and weights. */
  public record Graph(Formulation formulation, MoeWeights weights) {}

  /** Reads {@link #formulationOf} and {@link #read} from one parse of {@code onnx}. */
  public static Graph parse(byte[] onnx) throws InvalidProtocolBufferException {
    ModelProto model = ModelProto.parseFrom(onnx);
    return new Graph(formulationOf(model), read(model));
  }

  private static MoeWeights read(ModelProto model) {
    Map<String, TensorProto> init = new HashMap<>();
    for (TensorProto t : model.getGraph().getInitializerList()) {
      init.put(t.getName(), t);
    }
    long[] gateShape = dims(init, "gate", 2);
    int d = (int) gateShape[0];
    int e = (int) gateShape[1];
    int k = (int) longs(init, "k")[0];
    boolean fused = init.containsKey("fc1");
    long[] expertShape = dims(init, fused ? "fc1" : "w1", 3);
    int in = (int) (fused ? expertShape[1] : expertShape[2]);
    float[][] proj = new float[3][];
    float[][] projBias = new float[3][];
    float[][] score = new float[3][];
    float[][] scoreBias = new float[3][];
    for (int m = 0; m < 3; m++) {
      proj[m] = floats(init, "proj" + m);
      projBias[m] = floats(init, "proj_b" + m);
      score[m] = floats(init, "score" + m);
      scoreBias[m] = floats(init, "score_b" + m);
    }
    float[] w1 = fused ? transposeLast(floats(init, "fc1"), e, in, d) : floats(init, "w1");
    float[] w2 = fused ? transposeLast(floats(init, "fc2"), e, d, in) : floats(init, "w2");
    return new MoeWeights(
        d,
        e,
        k,
        in,
        proj,
        projBias,
        score,
        scoreBias,
        floats(init, "gate"),
        floats(init, "gate_b"),
        w1,
        floats(init, fused ? "fc1_b" : "b1"),
        w2,
        floats(init, fused ? "fc2_b" : "b2"),
        floats(init, "wc"),
        floats(init, "bc"),
        floats(init, "wv"),
        floats(init, "bv"),
        floats(init, "wa"),
        floats(init, "ba"));
  }

  private static TensorProto initializer(Map<String, TensorProto> init, String name) {
    TensorProto t = init.get(name);
    if (t == null) {
      throw new IllegalArgumentException("the graph has no initializer '" + name + "'");
    }
    return t;
  }

  private static long[] dims(Map<String, TensorProto> init, String name, int rank) {
    TensorProto t = initializer(init, name);
    if (t.getDimsCount() != rank) {
      throw new IllegalArgumentException(
          "initializer '" + name + "' has rank " + t.getDimsCount() + ", expected " + rank);
    }
    return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
  }

  private static float[] floats(Map<String, TensorProto> init, String name) {
    TensorProto t = initializer(init, name);
    if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
      throw new IllegalArgumentException("initializer '" + name + "' is not float32");
    }
    if (t.getRawData().isEmpty()) {
      float[] v = new float[t.getFloatDataCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = t.getFloatData(i);
      }
      return v;
    }
    FloatBuffer buffer =
        t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] v = new float[buffer.remaining()];
    buffer.get(v);
    return v;
  }

  private static long[] longs(Map<String, TensorProto> init, String name) {
    TensorProto t = initializer(init, name);
    if (t.getRawData().isEmpty()) {
      return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }
    LongBuffer buffer =
        t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    long[] v = new long[buffer.remaining()];
    buffer.get(v);
    return v;
  }

  /** [E, a, b] → [E, b, a]. */
  static float[] transposeLast(float[] w, int e, int a, int b) {
    float[] out = new float[w.length];
    for (int x = 0; x < e; x++) {
      int base = x * a * b;
      for (int i = 0; i < a; i++) {
        for (int j = 0; j < b; j++) {
          out[base + j * a + i] = w[base + i * b + j];
        }
      }
    }
    return out;
  }

  private static NodeProto softmax(String in, String out) {
    return node("Softmax", new String[] {in}, out).toBuilder()
        .addAttribute(intAttr("axis", 1))
        .build();
  }

  private static NodeProto concat(int axis, String out, String... in) {
    return node("Concat", in, out).toBuilder().addAttribute(intAttr("axis", axis)).build();
  }

  private static NodeProto reduceSum(String in, String axes, boolean keep, String out) {
    return node("ReduceSum", new String[] {in, axes}, out).toBuilder()
        .addAttribute(intAttr("keepdims", keep ? 1 : 0))
        .build();
  }

  private static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(v)
        .build();
  }

  private static AttributeProto intsAttr(String name, long... v) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  private static NodeProto node(String op, String[] inputs, String... outputs) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(outputs[0] + "_" + op);
    for (String input : inputs) {
      node.addInput(input);
    }
    for (String output : outputs) {
      node.addOutput(output);
    }
    return node.build();
  }

  private static ValueInfoProto value(String name, TensorProto.DataType type, int width) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }
}
