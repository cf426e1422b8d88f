package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeflatedTextTest {

  @Test
  void textOfAnyLengthComesBackAsItWas() {
    Random random = new Random(11);
    for (int length : new int[] {0, 1, 2, 63, 64, 65, 1000, 4096, 70_000}) {
      byte[] text = new byte[length];
      for (int i = 0; i < length; i++) {
        text[i] = (byte) ('a' + random.nextInt(4)); // repetitive, as JSON is
      }
      assertThat(DeflatedText.inflate(DeflatedText.deflate(text))).as("%d bytes", length).isEqualTo(text);
    }
  }

  @Test
  void textThatDoesNotCompressComesBackToo() {
    byte[] noise = new byte[100_000];
    new Random(7).nextBytes(noise);

    assertThat(DeflatedText.inflate(DeflatedText.deflate(noise))).isEqualTo(noise);
  }

  @Test
  void anObjectsJsonKeepsAThirdOfItsSizeOrLess() {
    String labels = "{\"app.kubernetes.io/managed-by\":\"hyperbytedb-operator\",\"app.kubernetes.io/name\":\"hyperbytedb\"}";
    byte[] json = ("{\"metadata\":{\"labels\":" + labels + "},\"spec\":{\"selector\":{\"matchLabels\":" + labels
        + "},\"template\":{\"metadata\":{\"labels\":" + labels + "}}}}").getBytes(StandardCharsets.UTF_8);

    assertThat(DeflatedText.deflate(json).length).isLessThanOrEqualTo(json.length / 3);
  }
}
