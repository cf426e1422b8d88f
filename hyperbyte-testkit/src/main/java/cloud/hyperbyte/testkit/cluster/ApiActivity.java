package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.kube.ApiRequest;
import cloud.hyperbyte.testkit.kube.ApiVerb;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The API requests the code under test sent in a window of time (see {@link SimulatedCluster#mark()}),
 * for assertions such as "a converged cluster causes no writes" and for counting requests per
 * operation. Requests of the simulated controllers and kubelet are not included.
 *
 * @param requests the requests of the code under test, in arrival order
 */
public record ApiActivity(List<ApiRequest> requests) {

  public ApiActivity {
    requests = List.copyOf(requests);
  }

  /** The writes (create, update, patch, delete) among the requests. */
  public List<ApiRequest> writes() {
    return requests.stream().filter(r -> r.verb().isWrite()).toList();
  }

  /**
   * Write counts by verb and resource, e.g. {@code "PATCH statefulsets" -> 2},
   * {@code "UPDATE hyperbytedbclusters/status" -> 1}, {@code "CREATE events" -> 3}; sorted by key so a
   * failed assertion reads well.
   */
  public Map<String, Long> writesByVerbAndResource() {
    return countBy(r -> r.verb().isWrite());
  }

  /** Counts of all requests (reads and writes) by verb and resource. */
  public Map<String, Long> requestsByVerbAndResource() {
    return countBy(r -> true);
  }

  /** How many requests match. */
  public long count(Predicate<ApiRequest> predicate) {
    return requests.stream().filter(predicate).count();
  }

  /** How many requests have {@code verb} on {@code resource} (with subresource, e.g. {@code pods} or {@code hyperbytedbclusters/status}). */
  public long count(ApiVerb verb, String resource) {
    return count(r -> r.verb() == verb && r.resourceWithSubresource().equals(resource));
  }

  private Map<String, Long> countBy(Predicate<ApiRequest> filter) {
    Map<String, Long> counts = new TreeMap<>();
    for (ApiRequest request : requests) {
      if (filter.test(request)) {
        counts.merge(request.verb() + " " + request.resourceWithSubresource(), 1L, Long::sum);
      }
    }
    return counts;
  }
}
