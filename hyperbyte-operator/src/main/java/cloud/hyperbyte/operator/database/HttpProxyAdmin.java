package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.port.ProxyCallException;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@link ProxyAdmin} over HTTP: {@code POST /admin/backends/{ip}/exclude|include} on each proxy pod's
 * admin port, reached on the pod IP (contract §10).
 */
public final class HttpProxyAdmin implements ProxyAdmin {

  private final HttpClient client;
  private final ProxyAddressResolver resolver;
  private final Duration requestTimeout;
  private final OperatorMetrics metrics;
  private final Fence fence;

  /** An admin client that is not fenced: a single operator replica, tests of the HTTP contract. */
  public HttpProxyAdmin(
      ProxyAddressResolver resolver, Duration connectTimeout, Duration requestTimeout, OperatorMetrics metrics) {
    this(resolver, connectTimeout, requestTimeout, metrics, Fence.open());
  }

  /** @param fence passed by every exclude and include, right before it is sent */
  public HttpProxyAdmin(
      ProxyAddressResolver resolver, Duration connectTimeout, Duration requestTimeout, OperatorMetrics metrics,
      Fence fence) {
    this.fence = fence;
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    this.resolver = resolver;
    this.requestTimeout = requestTimeout;
    this.metrics = metrics;
  }

  @Override
  public Exclusion exclude(ProxyEndpoint proxy, String backendIp) throws ProxyCallException {
    int status = post(proxy, backendIp, "exclude").statusCode();
    return switch (status) {
      case 200 -> Exclusion.EXCLUDED;
      case 409 -> Exclusion.ALREADY_EXCLUDED;
      case 404 -> Exclusion.NOT_IN_POOL;
      default -> throw new ProxyCallException(CallFailure.HTTP_ERROR, proxy, OptionalInt.of(status),
          "exclude answered HTTP " + status, null);
    };
  }

  @Override
  public Inclusion include(ProxyEndpoint proxy, String backendIp) throws ProxyCallException {
    HttpResponse<String> response = post(proxy, backendIp, "include");
    int status = response.statusCode();
    if (status != 200) {
      throw new ProxyCallException(CallFailure.HTTP_ERROR, proxy, OptionalInt.of(status),
          "include answered HTTP " + status, null);
    }
    return String.valueOf(response.body()).contains("not_excluded") ? Inclusion.NOT_EXCLUDED : Inclusion.INCLUDED;
  }

  private HttpResponse<String> post(ProxyEndpoint proxy, String backendIp, String verb) throws ProxyCallException {
    String endpoint = "/admin/backends/{ip}/" + verb;
    fence.check(verb + " " + backendIp + " on proxy " + proxy.podName());
    URI uri = resolver.baseUri(proxy).resolve("/admin/backends/" + backendIp + "/" + verb);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      metrics.databaseCall(endpoint, "ok");
      return response;
    } catch (HttpTimeoutException e) {
      metrics.databaseCall(endpoint, CallFailure.TIMEOUT.name().toLowerCase(Locale.ROOT));
      throw new ProxyCallException(CallFailure.TIMEOUT, proxy, OptionalInt.empty(), verb + " timed out", e);
    } catch (IOException e) {
      metrics.databaseCall(endpoint, CallFailure.UNREACHABLE.name().toLowerCase(Locale.ROOT));
      throw new ProxyCallException(CallFailure.UNREACHABLE, proxy, OptionalInt.empty(), verb + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProxyCallException(CallFailure.TIMEOUT, proxy, OptionalInt.empty(), verb + " interrupted", e);
    }
  }
}
