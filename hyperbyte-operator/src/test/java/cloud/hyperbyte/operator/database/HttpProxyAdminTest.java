package cloud.hyperbyte.operator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.port.ProxyCallException;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProxyAdminTest {

  private static final ProxyEndpoint PROXY = new ProxyEndpoint("db-proxy-7c9-x2", "10.0.0.9", 8087);

  private final StubMember proxy = newStub();

  private static StubMember newStub() {
    try {
      return new StubMember();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private ProxyAdmin admin() {
    return new HttpProxyAdmin(p -> URI.create("http://127.0.0.1:" + proxy.port()), Duration.ofSeconds(2),
        Duration.ofSeconds(10), OperatorMetrics.standalone());
  }

  /** Issue 13, defect 3: an instance that may have lost the Lease changes no proxy's rotation. */
  @Test
  void aClosedFenceKeepsExcludesAndIncludesFromTheProxy() {
    // a refused call does not even resolve its proxy
    HttpProxyAdmin fenced = new HttpProxyAdmin(p -> {
          throw new AssertionError("a refused call resolved the proxy's address");
        },
        Duration.ofSeconds(2), Duration.ofSeconds(10), OperatorMetrics.standalone(), action -> {
          throw new cloud.hyperbyte.reconcile.port.FencedException("refused " + action);
        });

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fenced.exclude(PROXY, "10.0.1.5"))
        .hasMessageContaining("exclude 10.0.1.5 on proxy db-proxy-7c9-x2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fenced.include(PROXY, "10.0.1.5"))
        .isInstanceOf(cloud.hyperbyte.reconcile.port.FencedException.class);
    assertThat(proxy.requests).isEmpty();
  }

  @Test
  void excludeMapsTheAdminApisAnswers() throws Exception {
    proxy.answer("/admin/backends/10.0.1.5/exclude", 200, "{\"status\":\"excluded\",\"ip\":\"10.0.1.5\"}")
        .answer("/admin/backends/10.0.1.6/exclude", 409, "{\"status\":\"already_excluded\"}")
        .answer("/admin/backends/10.0.1.7/exclude", 404, "");

    assertThat(admin().exclude(PROXY, "10.0.1.5")).isEqualTo(ProxyAdmin.Exclusion.EXCLUDED);
    assertThat(admin().exclude(PROXY, "10.0.1.6")).isEqualTo(ProxyAdmin.Exclusion.ALREADY_EXCLUDED);
    assertThat(admin().exclude(PROXY, "10.0.1.7")).isEqualTo(ProxyAdmin.Exclusion.NOT_IN_POOL);
    assertThat(proxy.requests).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
  }

  @Test
  void includeTellsWhetherTheBackendWasExcluded() throws Exception {
    proxy.answer("/admin/backends/10.0.1.5/include", 200, "{\"status\":\"included\"}")
        .answer("/admin/backends/10.0.1.6/include", 200, "{\"status\":\"not_excluded\"}")
        .answer("/admin/backends/10.0.1.7/include", 500, "boom");

    assertThat(admin().include(PROXY, "10.0.1.5")).isEqualTo(ProxyAdmin.Inclusion.INCLUDED);
    assertThat(admin().include(PROXY, "10.0.1.6")).isEqualTo(ProxyAdmin.Inclusion.NOT_EXCLUDED);
    ProxyCallException failure = catchThrowableOfType(ProxyCallException.class, () -> admin().include(PROXY, "10.0.1.7"));
    assertThat(failure.kind()).isEqualTo(CallFailure.HTTP_ERROR);
    assertThat(failure.httpStatus()).hasValue(500);
    assertThat(failure.podName()).isEqualTo("db-proxy-7c9-x2");
  }
}
