package cloud.hyperbyte.tls.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.NodeTlsSecretData;
import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaterialHashTest {

  private static final NodeCertificate NODE_0 = TestPki.node(List.of("hb-0"));
  private static final NodeCertificate NODE_1 = TestPki.node(List.of("hb-1"));

  private static Map<String, byte[]> secret(NodeCertificate node1) {
    return NodeTlsSecretData.withCa(TestPki.ecCa().certificatePem())
        .node(0, NODE_0.certificatePem(), NODE_0.privateKeyPem())
        .node(1, node1.certificatePem(), node1.privateKeyPem())
        .build();
  }

  @Test
  void givenEqualContentInAnyMapOrder_expectEqualSha256Hex() {
    Map<String, byte[]> data = secret(NODE_1);
    Map<String, byte[]> reversed = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(data.keySet());
    Collections.reverse(keys);
    keys.forEach(key -> reversed.put(key, data.get(key).clone()));

    assertThat(MaterialHash.of(data)).isEqualTo(MaterialHash.of(secret(NODE_1)));
    assertThat(MaterialHash.of(reversed)).isEqualTo(MaterialHash.of(data));
    assertThat(MaterialHash.of(data)).matches("[0-9a-f]{64}");
  }

  @Test
  void givenOneRenewedNodeCertificate_expectDifferentHash() {
    NodeCertificate renewed = TestPki.node(List.of("hb-1"));

    assertThat(MaterialHash.of(secret(renewed))).isNotEqualTo(MaterialHash.of(secret(NODE_1)));
  }

  @Test
  void givenBytesMovedBetweenKeyAndValue_expectDifferentHash() {
    assertThat(MaterialHash.of(Map.of("ab", new byte[] {'c'})))
        .isNotEqualTo(MaterialHash.of(Map.of("a", new byte[] {'b', 'c'})));
  }
}
