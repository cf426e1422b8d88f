package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.leader.LeaseSettings;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator process runs.
 *
 * @param namespaces watched namespaces
 * @param clusterDomain Kubernetes DNS domain of member addresses
 * @param leaderElection the Lease to elect a leader on; empty: this process always leads
 * @param metricsPort port of {@code /metrics} (0: any free port; negative: no metrics server)
 * @param healthPort port of {@code /healthz} and {@code /readyz} (0: any free port; negative: none)
 * @param workers clusters reconciled at once
 * @param resync how often every custom resource is reconciled without an event
 * @param probeBudget longest wait for the members of one cluster to answer in a pass
 * @param shutdownGrace how long running reconciles may finish on shutdown
 * @param operatorImage the operator's own image, which restore pods run; empty: backups and
 *     restores are not reconciled
 * @param lifecycleTimings the lifecycle's waits (drain windows, poll interval); the server's
 *     {@linkplain LifecycleTimings#defaults() defaults} in production, shorter against simulated members
 * @param statusProgressPeriod how long a cluster status change that is progress alone (member
 *     details, replica counts) may wait to be written with the next one: 3 s in production
 */
public record OperatorSettings(
    WatchedNamespaces namespaces,
    String clusterDomain,
    Optional<LeaseSettings> leaderElection,
    int metricsPort,
    int healthPort,
    int workers,
    Duration resync,
    Duration probeBudget,
    Duration shutdownGrace,
    Optional<String> operatorImage,
    LifecycleTimings lifecycleTimings,
    Duration statusProgressPeriod) {

  public OperatorSettings {
    Objects.requireNonNull(statusProgressPeriod, "statusProgressPeriod");
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(operatorImage, "operatorImage");
    Objects.requireNonNull(lifecycleTimings, "lifecycleTimings");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(leaderElection, "leaderElection");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1");
    }
  }

  /** Settings with the default lifecycle timings. */
  public OperatorSettings(WatchedNamespaces namespaces, String clusterDomain, Optional<LeaseSettings> leaderElection,
      int metricsPort, int healthPort, int workers, Duration resync, Duration probeBudget, Duration shutdownGrace,
      Optional<String> operatorImage) {
    this(namespaces, clusterDomain, leaderElection, metricsPort, healthPort, workers, resync, probeBudget, shutdownGrace,
        operatorImage, LifecycleTimings.defaults(), StatusPacing.DEFAULT_PERIOD);
  }

  /** Settings without backups and restores. */
  public OperatorSettings(WatchedNamespaces namespaces, String clusterDomain, Optional<LeaseSettings> leaderElection,
      int metricsPort, int healthPort, int workers, Duration resync, Duration probeBudget, Duration shutdownGrace) {
    this(namespaces, clusterDomain, leaderElection, metricsPort, healthPort, workers, resync, probeBudget, shutdownGrace,
        Optional.empty());
  }

  /** These settings with other lifecycle timings. */
  public OperatorSettings withLifecycleTimings(LifecycleTimings timings) {
    return new OperatorSettings(namespaces, clusterDomain, leaderElection, metricsPort, healthPort, workers, resync,
        probeBudget, shutdownGrace, operatorImage, timings, statusProgressPeriod);
  }

  /** These settings with another status pacing period. */
  public OperatorSettings withStatusProgressPeriod(Duration period) {
    return new OperatorSettings(namespaces, clusterDomain, leaderElection, metricsPort, healthPort, workers, resync,
        probeBudget, shutdownGrace, operatorImage, lifecycleTimings, period);
  }

  /** All namespaces, no election, no HTTP servers, 4 workers: for tests and embedders. */
  public static OperatorSettings embedded(String clusterDomain) {
    return new OperatorSettings(WatchedNamespaces.all(), clusterDomain, Optional.empty(), -1, -1, 4,
        Duration.ofMinutes(10), Duration.ofSeconds(15), Duration.ofSeconds(20));
  }
}
