/** Liveness and readiness endpoints of the operator process. */
package cloud.hyperbyte.operator.health;
