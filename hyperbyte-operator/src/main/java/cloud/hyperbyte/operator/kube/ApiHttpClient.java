package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.concurrent.TimeUnit;

/**
 * How the operator's Kubernetes API client connects: without a connect timeout of its own. JDK 17's
 * HTTP client keeps a connection's connect timer for the connection's life, and the timer references
 * the exchange that opened the connection, response body included: a restarted operator held the
 * first list page of every connection (14 MB at 1,000 clusters) as long as the connection lived.
 * Connecting stays bounded: the JDK client's request timeout (fabric8's {@code requestTimeout}, 10 s
 * by default) runs from before the connection is opened, and a watch's web-socket handshake has its
 * own.
 */
public final class ApiHttpClient {

  private ApiHttpClient() {}

  /** Configures {@code http} (a fabric8 client builder, after the kubeconfig's settings). */
  public static void configure(HttpClient.Builder http) {
    // zero is "none" to fabric8's JDK client builder, which then sets no connect timeout
    http.connectTimeout(0, TimeUnit.MILLISECONDS);
  }
}
