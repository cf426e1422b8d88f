/** Names, labels, annotations and the per-ordinal member topology (node ids, stable addresses, expected Raft voters) shared by render and reconcile. */
package cloud.hyperbyte.render.topology;
