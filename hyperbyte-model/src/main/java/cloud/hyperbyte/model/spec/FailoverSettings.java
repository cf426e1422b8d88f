package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** Automatic recovery of unhealthy members. */
@Value.Immutable
public interface FailoverSettings {

  /** Failover on. */
  boolean enabled();

  /** Members failed over at the same time. */
  int maxFailoverCount();

  /** Unhealthy time before failover. */
  int failoverTimeoutSecs();
}
