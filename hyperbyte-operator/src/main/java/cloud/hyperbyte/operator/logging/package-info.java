/**
 * Logging of the operator process: an SLF4J backend writing text or JSON lines, configured by
 * {@code --log-level} and {@code --log-format}.
 */
package cloud.hyperbyte.operator.logging;
