package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;

/**
 * When an informer retries after a failure. fabric8's default gives up on any failure before the
 * informer's first watch is up: an operator starting while the API server answers its first watch
 * with 410 Gone (the list's resourceVersion compacted away, an API server restarting, a 429) kept a
 * dead cache for good and never reconciled again (fault campaign seed 3368). Before the start
 * completes every failure is retried, with fabric8's backoff; after it, fabric8's own rule stands
 * (retry unless the watch itself reports it cannot go on), and a cache that stops is the liveness
 * probe's to catch ({@code informers-watching}).
 */
final class StartRetry implements ExceptionHandler {

  static final StartRetry INSTANCE = new StartRetry();

  private StartRetry() {}

  @Override
  public boolean retryAfterException(boolean isStarted, Throwable t) {
    return !isStarted || !(t instanceof WatcherException);
  }
}
