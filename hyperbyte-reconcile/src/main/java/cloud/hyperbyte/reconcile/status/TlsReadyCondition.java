package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.reconcile.tls.TlsMaterial;
import cloud.hyperbyte.reconcile.tls.TlsState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * The condition {@code TlsReady}: whether the TLS material the members mount is there and usable.
 * False while cert-manager has not issued yet or a user Secret is missing or unusable, with the TLS
 * decision's reason and what to do; True when it is ready or TLS is off.
 */
public final class TlsReadyCondition {

  public static final String TYPE = "TlsReady";

  private TlsReadyCondition() {}

  public static Condition of(TlsMaterial tls, List<Condition> previous, long generation, Instant now) {
    boolean ready = tls.state() == TlsState.READY || tls.state() == TlsState.DISABLED;
    return ClusterConditions.condition(previous, TYPE, ready, tls.reason(), tls.message(), generation, now);
  }
}
