package cloud.hyperbyte.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NodeTlsSecretDataTest {

  @Test
  void givenNodesAddedOutOfOrder_expectCaFirstThenNodesByAscendingOrdinal() {
    var data =
        NodeTlsSecretData.withCa(bytes("ca"))
            .node(10, bytes("c10"), bytes("k10"))
            .node(2, bytes("c2"), bytes("k2"))
            .build();

    assertThat(data.keySet())
        .containsExactly("ca.crt", "node-2.crt", "node-2.key", "node-10.crt", "node-10.key");
    assertThat(new String(data.get("node-10.key"), StandardCharsets.US_ASCII)).isEqualTo("k10");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
