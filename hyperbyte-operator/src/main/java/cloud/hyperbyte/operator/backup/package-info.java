/**
 * Backups and restores in the operator process: the reconcilers that drive the pure decisions of
 * {@code cloud.hyperbyte.reconcile.backup} and {@code cloud.hyperbyte.reconcile.restore} ({@link
 * cloud.hyperbyte.operator.backup.BackupReconciler}, {@link
 * cloud.hyperbyte.operator.backup.RestoreReconciler}). Data moves in the pods they create (backup
 * pods next to the source member, restore pods on the restored volumes), never through the
 * operator; the operator creates, watches and reads those pods.
 */
package cloud.hyperbyte.operator.backup;
