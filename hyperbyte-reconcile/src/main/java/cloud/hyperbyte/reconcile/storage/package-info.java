/**
 * Growing the members' data volumes when {@code spec.storage.volumeClaimTemplate.size} grows: each member PVC is patched
 * (its StorageClass must allow expansion), then the StatefulSet, whose {@code volumeClaimTemplates}
 * the API server does not let change, is deleted with orphan propagation and created again, so no
 * member restarts. {@link cloud.hyperbyte.reconcile.storage.StorageGrowthDecision} decides from the
 * snapshot; {@link cloud.hyperbyte.reconcile.storage.StorageStatusReport} writes progress to status.
 */
package cloud.hyperbyte.reconcile.storage;
