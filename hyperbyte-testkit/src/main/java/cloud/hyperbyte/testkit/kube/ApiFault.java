package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to break and how: requests matching verbs, a resource and optionally a namespace and name
 * get an error status or no timely answer, a limited number of times and/or with a probability.
 * Immutable; hand it to {@link ApiFaults#inject(ApiFault)}.
 *
 * <p>The resource is matched like an RBAC rule: a plural ({@code statefulsets}), a kind
 * ({@code StatefulSet}), {@code plural/subresource} ({@code hyperbytedbclusters/status}) or
 * {@code *}. A plain resource does not match its subresources.
 */
public final class ApiFault {

  private enum Effect { STATUS, TIMEOUT_BEFORE_COMMIT, TIMEOUT_AFTER_COMMIT }

  private final Set<ApiVerb> verbs;
  private final String resource;
  private final String namespace;
  private final String name;
  private final Effect effect;
  private final int code;
  private final Duration delay;
  private final int times;
  private final double probability;

  private ApiFault(Set<ApiVerb> verbs, String resource, String namespace, String name, Effect effect, int code,
      Duration delay, int times, double probability) {
    this.verbs = verbs;
    this.resource = resource;
    this.namespace = namespace;
    this.name = name;
    this.effect = effect;
    this.code = code;
    this.delay = delay;
    this.times = times;
    this.probability = probability;
  }

  /** Requests with {@code verb} on {@code resource}; answered with 500 until configured otherwise. */
  public static ApiFault on(ApiVerb verb, String resource) {
    return new ApiFault(EnumSet.of(verb), resource, null, null, Effect.STATUS, 500, Duration.ZERO, -1, 1.0);
  }

  /** Requests with any verb on {@code resource}. */
  public static ApiFault onAnyVerb(String resource) {
    return new ApiFault(EnumSet.allOf(ApiVerb.class), resource, null, null, Effect.STATUS, 500, Duration.ZERO, -1,
        1.0);
  }

  /** Only requests in this namespace. */
  public ApiFault inNamespace(String ns) {
    return new ApiFault(verbs, resource, ns, name, effect, code, delay, times, probability);
  }

  /** Only requests for the object with this name. */
  public ApiFault named(String objectName) {
    return new ApiFault(verbs, resource, namespace, objectName, effect, code, delay, times, probability);
  }

  /** Answer with this HTTP status (e.g. 409, 500, 503) and a matching {@code Status} body; nothing is stored. */
  public ApiFault respondWith(int status) {
    return new ApiFault(verbs, resource, namespace, name, Effect.STATUS, status, Duration.ZERO, times, probability);
  }

  /**
   * Hold the answer back for {@code duration} without processing the request, then answer 504: a
   * client with a shorter request timeout sees a timeout and nothing was stored.
   */
  public ApiFault timeout(Duration duration) {
    return new ApiFault(verbs, resource, namespace, name, Effect.TIMEOUT_BEFORE_COMMIT, 504, duration, times,
        probability);
  }

  /**
   * Process the request but hold its answer back for {@code duration}: the client times out although
   * the write happened (the case that makes retries need to be idempotent).
   */
  public ApiFault timeoutAfterCommit(Duration duration) {
    return new ApiFault(verbs, resource, namespace, name, Effect.TIMEOUT_AFTER_COMMIT, 0, duration, times,
        probability);
  }

  /** Fire at most {@code n} times, then let requests through. */
  public ApiFault times(int n) {
    return new ApiFault(verbs, resource, namespace, name, effect, code, delay, n, probability);
  }

  /** Fire for each matching request with this probability, drawn from {@link ApiFaults}' seeded random. */
  public ApiFault withProbability(double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + p);
    }
    return new ApiFault(verbs, resource, namespace, name, effect, code, delay, times, p);
  }

  int times() {
    return times;
  }

  double probability() {
    return probability;
  }

  boolean matches(ApiRequest request) {
    return verbs.contains(request.verb()) && resourceMatches(request)
        && (namespace == null || namespace.equals(request.namespace()))
        && (name == null || name.equals(request.name()));
  }

  private boolean resourceMatches(ApiRequest request) {
    if (resource.equals("*")) {
      return true;
    }
    String wanted = resource.toLowerCase(Locale.ROOT);
    String sub = null;
    int slash = wanted.indexOf('/');
    if (slash >= 0) {
      sub = wanted.substring(slash + 1);
      wanted = wanted.substring(0, slash);
    }
    boolean plural = wanted.equals(request.resource()) || Pluralize.toPlural(wanted).equals(request.resource());
    return plural && Objects.equals(sub, request.subresource());
  }

  /** Whether the request still goes to the store before the fault shows. */
  boolean commitsFirst() {
    return effect == Effect.TIMEOUT_AFTER_COMMIT;
  }

  /** The answer instead of the real one ({@code actual} is null unless {@link #commitsFirst()}). */
  MockResponse answer(MockResponse actual) {
    return switch (effect) {
      case STATUS -> StatusResponses.failure(code, reason(code), "injected fault: " + code);
      case TIMEOUT_BEFORE_COMMIT -> StatusResponses.failure(504, "Timeout",
          "injected fault: the server was unable to return a response in the time allotted").setBodyDelay(delay);
      case TIMEOUT_AFTER_COMMIT -> withBody(actual).setBodyDelay(delay);
    };
  }

  private static MockResponse withBody(MockResponse response) {
    // the mock server only delays responses that have a body
    return response.getBody() != null && response.getBody().size() > 0 ? response : response.setBody("{}");
  }

  private static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "InternalError";
    };
  }

  @Override
  public String toString() {
    return "ApiFault[" + verbs + " " + resource + (namespace == null ? "" : " ns=" + namespace)
        + (name == null ? "" : " name=" + name) + " -> " + effect + (effect == Effect.STATUS ? " " + code : " " + delay)
        + (times < 0 ? "" : " x" + times) + (probability < 1 ? " p=" + probability : "") + "]";
  }
}
