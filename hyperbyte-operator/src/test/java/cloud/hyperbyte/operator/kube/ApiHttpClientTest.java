package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.controller.ProcessFencing;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The API client's JDK HTTP client has no connect timer (whose exchange, response body included, JDK
 * 17 keeps for a connection's life), whatever the kubeconfig asks.
 */
class ApiHttpClientTest {

  /** What a kubeconfig or fabric8's defaults give: a 10 s connect and request timeout. */
  private final Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://kubernetes.invalid:6443")
      .withConnectionTimeout(10_000).withRequestTimeout(10_000).build();

  private java.net.http.HttpClient jdkClient(Consumer<KubernetesClientBuilder> configure) throws Exception {
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory());
    configure.accept(builder);
    try (KubernetesClient client = builder.build()) {
      Method jdk = JdkHttpClientImpl.class.getDeclaredMethod("getHttpClient");
      jdk.setAccessible(true);
      return (java.net.http.HttpClient) jdk.invoke(client.getHttpClient());
    }
  }

  @Test
  void withoutItTheKubeconfigsConnectTimeoutWouldBeSet() throws Exception {
    assertThat(jdkClient(builder -> { }).connectTimeout()).contains(Duration.ofSeconds(10));
  }

  @Test
  void theApiClientSetsNoConnectTimeout() throws Exception {
    assertThat(jdkClient(builder -> builder.withHttpClientBuilderConsumer(ApiHttpClient::configure)).connectTimeout())
        .isEmpty();
  }

  @Test
  void theRunningProcessesClientSetsNoConnectTimeoutEither() throws Exception {
    assertThat(jdkClient(builder -> new ProcessFencing().configure(builder, http -> { })).connectTimeout()).isEmpty();
  }
}
