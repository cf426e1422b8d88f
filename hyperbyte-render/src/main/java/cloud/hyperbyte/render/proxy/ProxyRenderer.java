package cloud.hyperbyte.render.proxy;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ProxySettings;
import cloud.hyperbyte.model.v1alpha1.LogFormat;
import cloud.hyperbyte.model.v1alpha1.ServiceType;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.topology.MemberTopology;
import cloud.hyperbyte.render.workload.Probes;
import cloud.hyperbyte.render.workload.SecureDefaults;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hyperbytedb-proxy in front of the cluster (contract §10): a Deployment and a Service
 * {@code <name>-proxy}. Proxy pods carry {@code app.kubernetes.io/name=hyperbytedb-proxy}, so the
 * database Services never select them; the proxy finds members through the headless Service.
 */
public final class ProxyRenderer {

  public static final String CONTAINER = "proxy";
  public static final String PUBLIC_PORT = "http";
  public static final String ADMIN_PORT = "admin";
  private static final String ENV = "HYPERBYTEDB_PROXY_";

  private ProxyRenderer() {}

  /** The proxy Deployment. */
  public static Deployment deployment(ClusterSpec spec, ProxySettings proxy) {
    Map<String, String> podLabels = new LinkedHashMap<>(proxy.podLabels());
    podLabels.putAll(ClusterLabels.proxy(spec));
    Map<String, String> podAnnotations = new LinkedHashMap<>(proxy.podAnnotations());
    if (spec.monitoring().scrapeAnnotations()) {
      // The proxy's metrics are on its admin listener, which no Service exposes.
      podAnnotations.put(Annotations.PROMETHEUS_SCRAPE, "true");
      podAnnotations.put(Annotations.PROMETHEUS_PORT, Integer.toString(proxy.adminPort()));
      podAnnotations.put(Annotations.PROMETHEUS_PATH, "/metrics");
    }
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(proxy.image())
            .withEnv(env(spec, proxy))
            .addNewPort().withName(PUBLIC_PORT).withContainerPort(proxy.port()).withProtocol("TCP").endPort()
            .addNewPort().withName(ADMIN_PORT).withContainerPort(proxy.adminPort()).withProtocol("TCP").endPort()
            // The proxy serves its probes only on the admin listener; the public one answers 404.
            .withLivenessProbe(Probes.http("/healthz", ADMIN_PORT, false, 10, 3, 3))
            .withReadinessProbe(Probes.http("/readyz", ADMIN_PORT, false, 5, 3, 3))
            .withSecurityContext(SecureDefaults.container());
    proxy.imagePullPolicy().ifPresent(policy -> container.withImagePullPolicy(policy.wireValue()));
    proxy.resources().ifPresent(container::withResources);
    return new DeploymentBuilder()
        .withMetadata(ObjectMetadata.proxy(spec, ClusterNames.of(spec).proxyDeployment()))
        .withNewSpec()
        .withReplicas(proxy.replicas())
        // Surge before removing an old pod: the proxy is the cluster's only entry point.
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1))
        .endRollingUpdate()
        .endStrategy()
        .withNewSelector()
        .withMatchLabels(new LinkedHashMap<>(ClusterLabels.proxySelector(spec.name())))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .withEnableServiceLinks(false)
        // In-flight requests drain for shutdownGraceSecs after SIGTERM; 10 s more before SIGKILL.
        .withTerminationGracePeriodSeconds((long) proxy.shutdownGraceSecs() + 10)
        .withSecurityContext(SecureDefaults.pod())
        .withContainers(container.build())
        .withAffinity(spreadOverNodes(spec))
        .withImagePullSecrets((proxy.imagePullSecrets().isEmpty() ? spec.imagePullSecrets() : proxy.imagePullSecrets())
            .stream().map(io.fabric8.kubernetes.api.model.LocalObjectReference::new).toList())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The proxy Service: the public port only; the admin API stays inside the pods. */
  public static Service service(ClusterSpec spec, ProxySettings proxy) {
    ServicePortBuilder port =
        new ServicePortBuilder()
            .withName(PUBLIC_PORT)
            .withPort(proxy.port())
            .withTargetPort(new IntOrString(PUBLIC_PORT))
            .withProtocol("TCP");
    if (proxy.serviceType() != ServiceType.CLUSTER_IP) {
      proxy.nodePort().ifPresent(port::withNodePort);
    }
    return new ServiceBuilder()
        .withMetadata(ObjectMetadata.proxy(spec, ClusterNames.of(spec).proxyService()))
        .withNewSpec()
        .withType(proxy.serviceType().wireValue())
        .withSelector(new LinkedHashMap<>(ClusterLabels.proxySelector(spec.name())))
        .withPorts(port.build())
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(ClusterSpec spec, ProxySettings proxy) {
    List<EnvVar> env = new ArrayList<>();
    env.add(plain("BACKEND_SERVICE", MemberTopology.of(spec).headlessServiceFqdn()));
    env.add(plain("BACKEND_PORT", Integer.toString(spec.server().port())));
    env.add(plain("LISTEN", "0.0.0.0:" + proxy.port()));
    env.add(plain("ADMIN_LISTEN", "0.0.0.0:" + proxy.adminPort()));
    env.add(plain("HEALTH_PATH", proxy.healthPath()));
    env.add(plain("HOLD_TIMEOUT_SECS", Integer.toString(proxy.holdTimeoutSecs())));
    env.add(plain("MAX_RETRIES", Integer.toString(proxy.maxRetries())));
    env.add(plain("SHUTDOWN_GRACE_SECS", Integer.toString(proxy.shutdownGraceSecs())));
    env.add(plain("REQUEST_TIMEOUT_SECS", Integer.toString(proxy.requestTimeoutSecs())));
    if (spec.logging().format() == LogFormat.JSON) {
      env.add(new EnvVar("LOG_FORMAT", "json", null));
    }
    // Never route to itself, should the headless Service ever resolve to a proxy pod.
    env.add(
        new EnvVarBuilder()
            .withName(ENV + "SELF_IP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("status.podIP")
            .endFieldRef()
            .endValueFrom()
            .build());
    return env;
  }

  private static Affinity spreadOverNodes(ClusterSpec spec) {
    return new AffinityBuilder()
        .withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
        .withWeight(100)
        .withNewPodAffinityTerm()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector()
        .withMatchLabels(new LinkedHashMap<>(ClusterLabels.proxySelector(spec.name())))
        .endLabelSelector()
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .build();
  }

  private static EnvVar plain(String suffix, String value) {
    return new EnvVar(ENV + suffix, value, null);
  }
}
