package cloud.hyperbyte.operator.leader;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the operator elects its leader: a {@code coordination.k8s.io} Lease in the
 * operator's namespace. The timings are client-go's defaults: a standby takes over at most
 * {@code leaseDuration} after a leader dies without releasing.
 */
public record LeaseSettings(
    String namespace, String leaseName, String identity, Duration leaseDuration, Duration renewDeadline,
    Duration retryPeriod) {

  public static final String DEFAULT_LEASE_NAME = "hyperbytedb-operator-leader";

  public LeaseSettings {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(leaseName, "leaseName");
    Objects.requireNonNull(identity, "identity");
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("leaseDuration must be longer than renewDeadline");
    }
    // fabric8 adds up to 20 % jitter to the retry period and requires the renewal to fit before the deadline
    if (renewDeadline.toMillis() <= retryPeriod.toMillis() * 1.2) {
      throw new IllegalArgumentException("renewDeadline must be longer than 1.2 × retryPeriod");
    }
  }

  /**
   * How long after a stored renewal this instance still acts ({@link LeadershipFence}): the renew
   * deadline less one retry period, the interval fabric8's renew loop runs at, so the fence closes
   * before the elector itself would give up and well before {@code leaseDuration} lets another
   * instance take over.
   */
  public Duration fenceValidity() {
    return renewDeadline.minus(retryPeriod);
  }

  /**
   * Time between this instance's fence closing and the earliest takeover by another instance, for
   * the clock skew between them plus the time an action that passed the fence takes to land.
   */
  public Duration fenceMargin() {
    return leaseDuration.minus(fenceValidity());
  }

  /** 15 s lease, 10 s renew deadline, 2 s retry period. */
  public static LeaseSettings withDefaultTimings(String namespace, String leaseName, String identity) {
    return new LeaseSettings(
        namespace, leaseName, identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }
}
