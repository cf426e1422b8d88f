package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the operator's Kubernetes API client connects: without a connect timeout of its own. JDK 17's
 * HTTP client keeps a connection's connect timer for the connection's life, and the timer references
 * the exchange that opened the connection, response body included: a restarted operator held the
 * first list page of every connection (14 MB at 1,000 clusters) as long as the connection lived.
 * Connecting stays bounded by the JDK client's request timeout (fabric8's {@code requestTimeout}, 10 s
 * by default), which runs from before the connection is opened until the response's headers. fabric8
 * sends a watch without one, as a web socket (whose connect timeout it leaves at zero) or as a
 * streaming GET: those get the request timeout here ({@link #UNTIMED}), or a watch on a server that
 * accepted the connection and never answered waited for good.
 */
public final class ApiHttpClient {

  /** The name of the interceptor that bounds requests and web-socket handshakes sent without a timeout. */
  static final String UNTIMED = "hyperbyte-untimed-request-bound";

  private ApiHttpClient() {}

  /** Configures {@code http} (a fabric8 client builder, after the kubeconfig's settings). */
  public static void configure(HttpClient.Builder http) {
    // zero is "none" to fabric8's JDK client builder, which then sets no connect timeout
    http.connectTimeout(0, TimeUnit.MILLISECONDS);
    http.addOrReplaceInterceptor(UNTIMED, new UntimedRequestBound());
  }

  /**
   * Gives a request or web-socket handshake without a timeout the client's request timeout. Either
   * ends once the response's headers arrived, so a watch's stream of events is not cut; without it, a
   * connection to a server that accepted but never answered (a hung API server, a load balancer in
   * front of a dead one) waited for good.
   */
  private static final class UntimedRequestBound implements Interceptor {

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if (!(request instanceof StandardHttpRequest standard) || !untimed(standard.getTimeout())) {
        return;
      }
      long millis = requestTimeout(tags).toMillis();
      if (builder instanceof WebSocket.Builder socket) {
        socket.connectTimeout(millis, TimeUnit.MILLISECONDS);
      } else if (builder instanceof HttpRequest.Builder http) {
        http.timeout(millis, TimeUnit.MILLISECONDS);
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
