/**
 * A simulated Kubernetes cluster running simulated HyperbyteDB members: the simulated API and
 * controllers of {@code testkit.kube} wired to the members of {@code testkit.db} (pods start and stop
 * members, readiness follows {@code /health}, PVCs carry member state), with loopback addresses for
 * a pod-address resolver, API activity windows for counting writes, and a driver for manual time.
 */
package cloud.hyperbyte.testkit.cluster;
