/**
 * Pure lifecycle decisions: an {@link cloud.hyperbyte.reconcile.snapshot.ObservedCluster}, the
 * operation progress remembered in status ({@link cloud.hyperbyte.reconcile.decision.LifecycleMemory})
 * and the time in, {@link cloud.hyperbyte.reconcile.decision.Action}s, the StatefulSet shape, notices
 * and the next requeue time out. One class per concern (membership, scale-down, scale-up, rolling
 * upgrade, failover, pause); {@link cloud.hyperbyte.reconcile.decision.ClusterLifecycle} orders them for
 * one pass and {@link cloud.hyperbyte.reconcile.decision.SafetyRules} vets every disruptive action.
 */
package cloud.hyperbyte.reconcile.decision;
