/**
 * The controller: the thin reconcile loop per custom resource (caches → snapshot → render → apply →
 * lifecycle decisions → actions → status → requeue) and the wiring of the whole process. Decisions
 * live in hyperbyte-reconcile.
 */
package cloud.hyperbyte.operator.controller;
