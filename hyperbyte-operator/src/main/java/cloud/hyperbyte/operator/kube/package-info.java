/**
 * The Kubernetes side of the operator process: label-filtered informer caches over the watched
 * namespaces with events mapped to the owning resource's key, and the fabric8 implementations of
 * the reconcile ports (server-side apply, deletes with UID preconditions, status, Events), which
 * record the operator's own writes for the "own writes first" rule.
 */
package cloud.hyperbyte.operator.kube;
