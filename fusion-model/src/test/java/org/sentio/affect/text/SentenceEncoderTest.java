package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelException;

/** The real pretrained encoders from their Maven jars, on real sentences. */
class SentenceEncoderTest {
  private static SentenceEncoder english;
  private static SentenceEncoder chinese;

  @BeforeAll
  static void open() throws Exception {
    english = SentenceEncoder.open(ShippedModels.host(), SentenceEncoder.Encoder.BGE_SMALL_EN_Q);
    chinese = SentenceEncoder.open(ShippedModels.host(), SentenceEncoder.Encoder.BGE_SMALL_ZH_Q);
  }

  @AfterAll
  static void close() throws Exception {
    english.close();
    chinese.close();
  }

  @Test
  void embeddingsAreUnitLengthAndSentencesOfOneFeelingLieCloser() throws Exception {
    float[] angry = english.embed("I am furious, they lied to me again and I want to scream.");
    float[] angry2 = english.embed("This makes me so angry, how dare they treat us like that!");
    float[] happy = english.embed("What a lovely day, I am so happy to see all of you here.");
    assertThat(angry).hasSize(SentenceEncoder.DIMENSION);
    assertThat(dot(angry, angry)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(dot(angry, angry2)).isGreaterThan(dot(angry, happy));
    assertThat(dot(angry2, angry)).isGreaterThan(dot(angry2, happy));
  }

  @Test
  void chineseSentencesOfOneFeelingLieCloser() throws Exception {
    float[] angry = chinese.embed("气死我了，快递又丢了，客服还不理人！");
    float[] angry2 = chinese.embed("太过分了，我真的很生气，他们凭什么这样对我们！");
    float[] happy = chinese.embed("今天太开心了，谢谢大家的祝福！");
    assertThat(dot(angry, angry2)).isGreaterThan(dot(angry, happy));
  }

  @Test
  void theTokeniserNeverPadsAndCutsLongTexts() {
    long[] ids = english.tokenIds("I am happy");
    assertThat(ids).hasSize(5); // [CLS] i am happy [SEP]
    assertThat(ids[ids.length - 1]).isNotZero();
    assertThat(chinese.tokenIds("我很开心")).hasSize(6);
    assertThat(english.tokenIds("word ".repeat(400))).hasSize(SentenceEncoder.MAX_TOKENS);
  }

  @Test
  void anAlteredEncoderFileIsRefusedNamingItsChecksum() throws Exception {
    SentenceEncoder.Encoder spec = SentenceEncoder.Encoder.BGE_SMALL_ZH_Q;
    byte[] onnx = resource(spec.onnxResource);
    byte[] tokenizer = resource(spec.tokenizerResource);
    onnx[onnx.length / 2] ^= 1;
    assertThatThrownBy(() -> SentenceEncoder.open(ShippedModels.host(), spec, onnx, tokenizer))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(spec.onnxResource)
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining(spec.onnxSha256);
    onnx[onnx.length / 2] ^= 1;
    tokenizer[10] ^= 1;
    assertThatThrownBy(() -> SentenceEncoder.open(ShippedModels.host(), spec, onnx, tokenizer))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(spec.tokenizerResource);
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = SentenceEncoder.class.getResourceAsStream("/" + name)) {
      return in.readAllBytes();
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
