/** Deterministic multi-document YAML. */
package cloud.hyperbyte.render.yaml;
