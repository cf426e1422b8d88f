/**
 * {@code hyperbyte status NAME}: a read-only view of one HyperbytedbCluster from its status, its
 * member pods, its events and its backups, as a table or as JSON with a stable shape.
 */
package cloud.hyperbyte.operator.cli.status;
