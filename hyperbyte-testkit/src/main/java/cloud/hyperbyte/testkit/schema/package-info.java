/** Validation of rendered objects against the official strict Kubernetes JSON schemas. */
package cloud.hyperbyte.testkit.schema;
