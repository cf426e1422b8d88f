package cloud.hyperbyte.testkit.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every resource request the simulated API received, in arrival order, so tests can count what the
 * code under test did ("a paused cluster causes no writes"). Writes of the testkit's own simulated
 * controllers are recorded too, marked {@link ApiRequest#fromControllers()}; their reads are not.
 */
public final class ApiRequestLog {

  // appended on the server's event loops for every request: a copy-on-write list made each append
  // copy the whole log, so a long run (a thousand clusters) stalled the server on its own log
  private final List<ApiRequest> requests = new ArrayList<>();

  synchronized void record(ApiRequest request) {
    requests.add(request);
  }

  /** All recorded requests. */
  public synchronized List<ApiRequest> all() {
    return List.copyOf(requests);
  }

  /** How many requests were recorded: the position of the next one. */
  public synchronized int size() {
    return requests.size();
  }

  /** The requests recorded from position {@code from} (a past {@link #size()}) on, in order. */
  public synchronized List<ApiRequest> since(int from) {
    return List.copyOf(requests.subList(Math.min(Math.max(from, 0), requests.size()), requests.size()));
  }

  /** Requests of the code under test (not of the simulated controllers). */
  public synchronized List<ApiRequest> fromClients() {
    return requests.stream().filter(r -> !r.fromControllers()).toList();
  }

  /** Writes (create, update, patch, delete) of the code under test. */
  public synchronized List<ApiRequest> clientWrites() {
    return requests.stream().filter(r -> !r.fromControllers() && r.verb().isWrite()).toList();
  }

  /** How many recorded requests match. */
  public synchronized long count(Predicate<ApiRequest> predicate) {
    return requests.stream().filter(predicate).count();
  }

  /** Forgets everything recorded so far (e.g. after setup). */
  public synchronized void clear() {
    requests.clear();
  }
}
