/**
 * Manifest text as {@code kubectl apply -f} takes it: size and encoding checked first, then YAML
 * (several documents, anchors and merge keys) or JSON (one or more objects) parsed into plain trees
 * of maps, lists and scalars, every failure reported with its line and column instead of an
 * exception.
 */
package cloud.hyperbyte.model.manifest;
