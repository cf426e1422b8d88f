package cloud.hyperbyte.reconcile.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One attempt of a backup run, as decided by {@link BackupDecision} and carried out by a backup pod
 * ({@link BackupPodRenderer}).
 *
 * @param runId identifies the attempt; the report echoes it so that a stale report is ignored
 * @param namespace namespace of the backup and the cluster
 * @param backupName HyperbytedbBackup name, recorded as the snapshot's owner
 * @param clusterName HyperbytedbCluster name
 * @param sourcePod member pod the snapshot is taken from
 * @param members member pods at decision time (for the manifest)
 * @param serverVersion HyperbyteDB version of the members
 * @param destination where the snapshot goes
 * @param retentionDays retention applied after a successful upload
 * @param scheduledTime the schedule slot, or the start of a one-shot run
 */
public record RunRequest(
    String runId,
    String namespace,
    String backupName,
    String clusterName,
    String sourcePod,
    List<String> members,
    String serverVersion,
    S3Settings destination,
    int retentionDays,
    Instant scheduledTime) {

  public RunRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(backupName, "backupName");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(sourcePod, "sourcePod");
    members = List.copyOf(members);
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(scheduledTime, "scheduledTime");
  }
}
