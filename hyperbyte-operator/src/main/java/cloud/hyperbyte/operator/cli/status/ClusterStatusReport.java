package cloud.hyperbyte.operator.cli.status;

import java.util.List;

/**
 * What {@code hyperbyte status -o json} prints: the stable shape tools may rely on. Every field is
 * always present; a value not known (yet) is {@code null}, a list with nothing in it is empty. Fields
 * may be added in later versions; none is renamed or removed.
 *
 * @param name the cluster's name
 * @param namespace its namespace
 * @param phase {@code status.phase}: Pending, Initializing, Running, Scaling, Upgrading or Failed
 * @param generation {@code metadata.generation}, the spec's revision
 * @param observedGeneration the generation the status reflects; lower than {@code generation} while the
 *     operator has not looked at the last spec change yet
 * @param paused {@code spec.paused}
 * @param currentVersion the version every member runs
 * @param targetVersion the version being rolled out, or {@code null}
 * @param desiredReplicas {@code spec.replicas}
 * @param replicas members the status counts
 * @param readyReplicas ready members
 * @param clusterState Healthy, Degraded, Recovering, Unavailable or Unknown
 * @param replicationState Healthy, Lagging or Unknown
 * @param members one per member pod, by ordinal
 * @param conditions the cluster's conditions, as the operator wrote them
 * @param operation the rolling upgrade, scale-down or restore hold under way, or {@code null}
 * @param backups the HyperbytedbBackups naming this cluster, by name
 */
public record ClusterStatusReport(
    String name,
    String namespace,
    String phase,
    Long generation,
    Long observedGeneration,
    boolean paused,
    String currentVersion,
    String targetVersion,
    Integer desiredReplicas,
    Integer replicas,
    Integer readyReplicas,
    String clusterState,
    String replicationState,
    List<Member> members,
    List<Condition> conditions,
    Operation operation,
    List<Backup> backups) {

  public ClusterStatusReport {
    members = List.copyOf(members);
    conditions = List.copyOf(conditions);
    backups = List.copyOf(backups);
  }

  /**
   * One member.
   *
   * @param pod the pod name, {@code <cluster>-<ordinal>}
   * @param nodeId the database node id (ordinal + 1)
   * @param raftRole Leader, Follower, Learner or Candidate, as the member reported it; {@code null} when
   *     not known (a single member runs without Raft)
   * @param voter whether the leader counts it as a Raft voter
   * @param state the database node state (active, syncing, draining, leaving …) or Unreachable
   * @param health whether its {@code /health} answered 200 when the status was written
   * @param ready the pod's Ready condition now
   * @param version the database image's tag (or digest) the pod runs now
   * @param lastRestart the last restart the operator made of it, or {@code null}
   */
  public record Member(String pod, Integer nodeId, String raftRole, Boolean voter, String state, Boolean health,
      boolean ready, String version, LastRestart lastRestart) {}

  /**
   * The last {@code MemberRestart} event of a member.
   *
   * @param reasons version, config, certificate, request, scale or template
   * @param time when it was recorded (RFC 3339)
   */
  public record LastRestart(List<String> reasons, String time) {
    public LastRestart {
      reasons = List.copyOf(reasons);
    }
  }

  /** A condition of the cluster: type, status (True, False, Unknown), reason, message and when it last changed. */
  public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {}

  /**
   * The operation under way.
   *
   * @param kind RollingUpgrade, ScaleDown or RestoreHold
   * @param member the pod the operation is at, or {@code null}
   * @param step the step of that member: Excluding, Waiting, Restarting, Rejoining, Including (upgrade);
   *     Draining, Removing, Shrinking (scale-down); {@code null} for a restore hold
   * @param since when the step started (RFC 3339), or {@code null}
   * @param progress for a person: e.g. {@code 1 of 3 members upgraded}, {@code 5 -> 3 replicas}, or the
   *     restore holding the cluster
   */
  public record Operation(String kind, String member, String step, String since, String progress) {}

  /**
   * A HyperbytedbBackup of this cluster and its last run.
   *
   * @param name the backup's name
   * @param schedule its cron schedule, {@code null} for a one-shot backup
   * @param phase Pending, Running, Completed or Failed
   * @param lastRun the newest finished run, or {@code null}
   * @param nextScheduleTime when the next scheduled run is due, or {@code null}
   */
  public record Backup(String name, String schedule, String phase, BackupRun lastRun, String nextScheduleTime) {}

  /**
   * One finished backup run.
   *
   * @param phase Completed or Failed
   * @param startTime its start (RFC 3339)
   * @param completionTime its end (RFC 3339)
   * @param backupPath {@code s3://bucket/key} of the snapshot, {@code null} when it failed
   * @param sizeBytes the snapshot's size, {@code null} when it failed
   * @param message why it failed, {@code null} when it completed
   */
  public record BackupRun(String phase, String startTime, String completionTime, String backupPath, Long sizeBytes,
      String message) {}
}
