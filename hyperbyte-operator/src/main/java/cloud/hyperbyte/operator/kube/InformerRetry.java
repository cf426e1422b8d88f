package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;

/**
 * Informers retry after every failure, with fabric8's backoff, as client-go's reflector does (it
 * lists and watches again until stopped). fabric8's default gives up on any failure before the first
 * watch is up, and on a watch that reports it cannot go on ({@code WatcherException}, e.g. a frame
 * that is not valid UTF-8); either left a dead cache for good. Seen: an operator started while the
 * API server answered its first watches with 410 Gone never reconciled again (fault campaign seed
 * 3368); a StatefulSet watch that received a broken frame stopped, and the scale-down it was
 * following never finished (OperatorRestartE2eTest). The liveness probe ({@code informers-watching})
 * stays the net for a cache that cannot get back.
 */
final class InformerRetry implements ExceptionHandler {

  static final InformerRetry ALWAYS = new InformerRetry();

  private InformerRetry() {}

  @Override
  public boolean retryAfterException(boolean isStarted, Throwable t) {
    return true;
  }
}
