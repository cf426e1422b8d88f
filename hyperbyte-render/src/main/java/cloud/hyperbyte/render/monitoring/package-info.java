/** ServiceMonitor, PrometheusRule and Grafana dashboard, using only metrics the server emits. */
package cloud.hyperbyte.render.monitoring;
