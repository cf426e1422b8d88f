package cloud.hyperbyte.render;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.config.ConfigHash;
import cloud.hyperbyte.render.config.ConfigMapRenderer;
import cloud.hyperbyte.render.config.ConfigToml;
import cloud.hyperbyte.render.monitoring.DashboardRenderer;
import cloud.hyperbyte.render.monitoring.PrometheusRuleRenderer;
import cloud.hyperbyte.render.monitoring.ServiceMonitorRenderer;
import cloud.hyperbyte.render.proxy.ProxyRenderer;
import cloud.hyperbyte.render.service.AutoscalerRenderer;
import cloud.hyperbyte.render.service.DisruptionBudgetRenderer;
import cloud.hyperbyte.render.service.ServiceRenderer;
import cloud.hyperbyte.render.tls.CertificateRenderer;
import cloud.hyperbyte.render.workload.StatefulSetRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The render entry point: an immutable spec in, the desired Kubernetes objects out. Pure: no I/O,
 * no clock, no randomness; equal inputs give equal objects.
 *
 * <p>Objects come in apply order, dependencies first: the config ConfigMap and the cert-manager
 * Certificate (pods mount what they produce), the headless and client Services (member DNS), the
 * PodDisruptionBudget, the StatefulSet, the HorizontalPodAutoscaler, the proxy Service and
 * Deployment, then the ServiceMonitor, PrometheusRule and dashboard ConfigMap, which only observe.
 * Optional objects are left out when the spec does not ask for them; the reconcile layer prunes what
 * is no longer rendered.
 */
public final class ClusterRenderer {

  private ClusterRenderer() {}

  /** Renders {@code spec} with default options. */
  public static RenderedCluster render(ClusterSpec spec) {
    return render(spec, RenderOptions.defaults());
  }

  /** Renders {@code spec}. */
  public static RenderedCluster render(ClusterSpec spec, RenderOptions options) {
    String configToml = ConfigToml.render(spec);
    String configHash = ConfigHash.of(configToml);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(ConfigMapRenderer.render(spec, configToml));
    CertificateRenderer.render(spec).ifPresent(objects::add);
    objects.add(ServiceRenderer.headless(spec));
    objects.add(ServiceRenderer.client(spec));
    DisruptionBudgetRenderer.render(spec).ifPresent(objects::add);
    objects.add(StatefulSetRenderer.render(spec, options, configHash));
    AutoscalerRenderer.render(spec).ifPresent(objects::add);
    spec.proxy()
        .ifPresent(
            proxy -> {
              objects.add(ProxyRenderer.service(spec, proxy));
              objects.add(ProxyRenderer.deployment(spec, proxy));
            });
    ServiceMonitorRenderer.render(spec).ifPresent(objects::add);
    PrometheusRuleRenderer.render(spec).ifPresent(objects::add);
    DashboardRenderer.render(spec).ifPresent(objects::add);
    return new RenderedCluster(objects, configHash);
  }
}
