package cloud.hyperbyte.render.monitoring;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.topology.ClusterNames;

/**
 * PromQL label matchers for one cluster's members as the Prometheus Operator labels them when
 * scraping through the ServiceMonitor: {@code namespace}, {@code pod}, and {@code job} = the
 * headless Service's name.
 */
final class MetricSelector {

  private MetricSelector() {}

  /** {@code namespace="ns",pod=~"name-[0-9]+"}. */
  static String members(ClusterSpec spec) {
    return "namespace=\"" + spec.namespace() + "\",pod=~\"" + spec.name() + "-[0-9]+\"";
  }

  /** {@code namespace="ns",job="name-headless"}: for the scrape's own {@code up} series. */
  static String scrapeJob(ClusterSpec spec) {
    return "namespace=\"" + spec.namespace() + "\",job=\"" + ClusterNames.of(spec).headlessService() + "\"";
  }
}
