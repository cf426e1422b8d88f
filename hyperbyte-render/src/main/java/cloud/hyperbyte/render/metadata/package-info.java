/** Metadata shared by every rendered object: namespace, labels, controller owner reference. */
package cloud.hyperbyte.render.metadata;
