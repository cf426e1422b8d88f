/**
 * The keyed work queue of the operator process: one reconcile per key at a time, deduplication,
 * exponential backoff on failure, timed requeues for decision deadlines, graceful shutdown.
 */
package cloud.hyperbyte.operator.queue;
