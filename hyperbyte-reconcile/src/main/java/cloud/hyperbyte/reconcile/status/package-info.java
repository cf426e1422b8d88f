/**
 * Status derivation: the observed snapshot and the pass's {@link
 * cloud.hyperbyte.reconcile.decision.LifecyclePlan} in, the {@code HyperbytedbCluster} status out —
 * phase, clusterState, replicationState, members, conditions and the operation progress that lets a
 * restarted operator resume.
 */
package cloud.hyperbyte.reconcile.status;
