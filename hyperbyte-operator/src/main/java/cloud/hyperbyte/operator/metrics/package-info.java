/** The operator's Prometheus metrics and the {@code /metrics} endpoint. */
package cloud.hyperbyte.operator.metrics;
