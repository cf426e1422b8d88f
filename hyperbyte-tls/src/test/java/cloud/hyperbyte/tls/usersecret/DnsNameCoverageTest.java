package cloud.hyperbyte.tls.usersecret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsNameCoverageTest {

  @Test
  void givenExactName_expectCoveredCaseInsensitively() {
    assertThat(DnsNameCoverage.covers(List.of("HB.prod.svc"), "hb.prod.svc")).isTrue();
    assertThat(DnsNameCoverage.covers(List.of("hb.prod.svc"), "hb.prod")).isFalse();
  }

  @Test
  void givenWildcard_expectExactlyOneLeftmostLabelCovered() {
    List<String> wildcard = List.of("*.hb-headless.prod.svc.cluster.local");

    assertThat(DnsNameCoverage.covers(wildcard, "hb-0.hb-headless.prod.svc.cluster.local")).isTrue();
    assertThat(DnsNameCoverage.covers(wildcard, "hb-headless.prod.svc.cluster.local")).isFalse();
    assertThat(DnsNameCoverage.covers(wildcard, "a.hb-0.hb-headless.prod.svc.cluster.local"))
        .isFalse();
  }

  @Test
  void givenSeveralHosts_expectUncoveredInGivenOrder() {
    assertThat(DnsNameCoverage.uncovered(List.of("b"), List.of("c", "b", "a")))
        .containsExactly("c", "a");
  }
}
