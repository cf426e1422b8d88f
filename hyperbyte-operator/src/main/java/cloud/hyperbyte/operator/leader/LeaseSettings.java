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

  /** 15 s lease, 10 s renew deadline, 2 s retry period. */
  public static LeaseSettings withDefaultTimings(String namespace, String leaseName, String identity) {
    return new LeaseSettings(
        namespace, leaseName, identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }
}
