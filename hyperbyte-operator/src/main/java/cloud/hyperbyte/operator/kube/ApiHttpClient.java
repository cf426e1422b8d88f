package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the operator's Kubernetes API client connects: without a connect timeout of its own. JDK 17's
 * HTTP client keeps a connection's connect timer for the connection's life, and the timer references
 * the exchange that opened the connection, response body included: a restarted operator held the
 * first list page of every connection (14 MB at 1,000 clusters) as long as the connection lived.
 * Connecting stays bounded by the JDK client's request timeout (fabric8's {@code requestTimeout}, 10 s
 * by default), which runs from before the connection is opened until the response's headers; a
 * request fabric8 sends without one (the streaming GET of a watch that fell back from a web socket) is
 * given the request timeout here ({@link #UNTIMED}). Not bounded: a watch's web-socket handshake on
 * a server that accepted the connection and never answers waited for good in a test, although fabric8
 * gives it the request timeout as its connect timeout; only a client connect timeout ended it.
 */
public final class ApiHttpClient {

  /** The name of the interceptor that bounds requests sent without a timeout. */
  static final String UNTIMED = "hyperbyte-untimed-request-bound";

  private ApiHttpClient() {}

  /** Configures {@code http} (a fabric8 client builder, after the kubeconfig's settings). */
  public static void configure(HttpClient.Builder http) {
    // zero is "none" to fabric8's JDK client builder, which then sets no connect timeout
    http.connectTimeout(0, TimeUnit.MILLISECONDS);
    http.addOrReplaceInterceptor(UNTIMED, new UntimedRequestBound());
  }

  /**
   * Gives a request without a timeout the client's request timeout. The JDK's request timeout ends
   * once the response's headers arrived, so a watch's stream of events is not cut; without it, a
   * connection to a server that accepted but never answered (a hung API server, a load balancer in
   * front of a dead one) waited for good, and the watch with it.
   */
  private static final class UntimedRequestBound implements Interceptor {

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      // a web socket's builder is no request builder: its handshake has a connect timeout of its own
      if (builder instanceof HttpRequest.Builder http && request instanceof StandardHttpRequest standard
          && untimed(standard.getTimeout())) {
        http.timeout(requestTimeout(tags).toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private static boolean untimed(Duration timeout) {
      return timeout == null || timeout.isZero() || timeout.isNegative();
    }

    private static Duration requestTimeout(RequestTags tags) {
      RequestConfig config = tags == null ? null : tags.getTag(RequestConfig.class);
      Integer millis = config == null ? null : config.getRequestTimeout();
      return Duration.ofMillis(millis != null && millis > 0 ? millis : Config.DEFAULT_REQUEST_TIMEOUT);
    }
  }
}
