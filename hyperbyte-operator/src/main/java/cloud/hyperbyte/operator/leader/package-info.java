/**
 * Leader election: only the leader reconciles. A Lease in the operator's namespace, competed for
 * with fabric8's LeaderElector, released on shutdown; or no election for a single replica.
 */
package cloud.hyperbyte.operator.leader;
