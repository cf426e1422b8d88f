/**
 * Backups and restores in the operator process: exec into member pods through fabric8 ({@link
 * cloud.hyperbyte.operator.backup.FabricPodExec}), backup attempts on a bounded worker pool
 * ({@link cloud.hyperbyte.operator.backup.BackupRuns}), and the reconcilers that drive the pure
 * decisions of {@code cloud.hyperbyte.reconcile.backup} and {@code cloud.hyperbyte.reconcile.restore}
 * ({@link cloud.hyperbyte.operator.backup.BackupReconciler}, {@link
 * cloud.hyperbyte.operator.backup.RestoreReconciler}).
 */
package cloud.hyperbyte.operator.backup;
