package cloud.hyperbyte.testkit.kube;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every resource request the simulated API received, in arrival order, so tests can count what the
 * code under test did ("a paused cluster causes no writes"). Writes of the testkit's own simulated
 * controllers are recorded too, marked {@link ApiRequest#fromControllers()}; their reads are not.
 */
public final class ApiRequestLog {

  private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();

  void record(ApiRequest request) {
    requests.add(request);
  }

  /** All recorded requests. */
  public List<ApiRequest> all() {
    return List.copyOf(requests);
  }

  /** Requests of the code under test (not of the simulated controllers). */
  public List<ApiRequest> fromClients() {
    return requests.stream().filter(r -> !r.fromControllers()).toList();
  }

  /** Writes (create, update, patch, delete) of the code under test. */
  public List<ApiRequest> clientWrites() {
    return requests.stream().filter(r -> !r.fromControllers() && r.verb().isWrite()).toList();
  }

  /** How many recorded requests match. */
  public long count(Predicate<ApiRequest> predicate) {
    return requests.stream().filter(predicate).count();
  }

  /** Forgets everything recorded so far (e.g. after setup). */
  public void clear() {
    requests.clear();
  }
}
