package cloud.hyperbyte.render.service;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.LinkedHashMap;

/** The database Services. Both select the database pods only, never proxy pods. */
public final class ServiceRenderer {

  private ServiceRenderer() {}

  /**
   * {@code <name>-headless}: stable per-member DNS names for Raft and the operator. Not-ready
   * addresses are published because members must reach each other (and the operator must reach a
   * new member for add-node) before {@code /health} reports Active.
   */
  public static Service headless(ClusterSpec spec) {
    return new ServiceBuilder()
        .withMetadata(
            ObjectMetadata.of(
                spec,
                ClusterNames.of(spec).headlessService(),
                ClusterLabels.with(ClusterLabels.common(spec), ClusterLabels.SERVICE_ROLE, ClusterLabels.HEADLESS_ROLE)))
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(new LinkedHashMap<>(ClusterLabels.selector(spec)))
        .withPorts(httpPort(spec))
        .endSpec()
        .build();
  }

  /** {@code <name>}: the ClusterIP Service clients use; only ready (Active) members are behind it. */
  public static Service client(ClusterSpec spec) {
    return new ServiceBuilder()
        .withMetadata(
            ObjectMetadata.of(
                spec,
                ClusterNames.of(spec).clientService(),
                ClusterLabels.with(ClusterLabels.common(spec), ClusterLabels.SERVICE_ROLE, ClusterLabels.CLIENT_ROLE)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(new LinkedHashMap<>(ClusterLabels.selector(spec)))
        .withPorts(httpPort(spec))
        .endSpec()
        .build();
  }

  private static ServicePort httpPort(ClusterSpec spec) {
    return new ServicePortBuilder()
        .withName(DatabasePodTemplate.PORT_NAME)
        .withPort(spec.server().port())
        .withTargetPort(new IntOrString(DatabasePodTemplate.PORT_NAME))
        .withProtocol("TCP")
        .build();
  }
}
