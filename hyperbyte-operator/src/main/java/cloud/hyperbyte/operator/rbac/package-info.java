/** The RBAC contract of the operator process: which Kubernetes API calls it makes, and under which feature. */
package cloud.hyperbyte.operator.rbac;
