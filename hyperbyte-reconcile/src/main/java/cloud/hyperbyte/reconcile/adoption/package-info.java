/**
 * In-place adoption of clusters the Go operator made: which of their objects differ from what this
 * operator renders in ways the API server does not let change, and what is done about each.
 */
package cloud.hyperbyte.reconcile.adoption;
