package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.operator.e2e.Manifests;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.stream.IntStream;

/** Many clusters' worth of what the operator lists at start: rendered StatefulSets and their whole member pods. */
public final class RenderedMembers {

  public static final int MEMBERS = 3;

  private RenderedMembers() {}

  /** The StatefulSet the operator renders for a three-member cluster, with every container and volume. */
  static StatefulSet memberStatefulSet(String namespace) {
    ClusterSpec spec = ClusterSpecFactory.from(Manifests.cluster("db", namespace, MEMBERS, "0.8.5", ""),
        "cluster.local").value().orElseThrow();
    return ClusterRenderer.render(spec).get(StatefulSet.class, ClusterNames.of(spec).statefulSet());
  }

  /**
   * {@code clusters} rendered three-member StatefulSets and their member pods, as the StatefulSet controller would
   * create them (the pods' owner must exist, or the garbage collector takes them).
   */
  public static void create(KubernetesClient client, String namespace, int clusters) {
    StatefulSet rendered = memberStatefulSet(namespace);
    PodTemplateSpec template = rendered.getSpec().getTemplate();
    IntStream.range(0, clusters).parallel().forEach(cluster -> {
      StatefulSet sts = client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder(rendered)
          .editMetadata().withName("db" + cluster).endMetadata().build()).create();
      for (int ordinal = 0; ordinal < MEMBERS; ordinal++) {
        Pod pod = new PodBuilder()
            .withNewMetadataLike(template.getMetadata())
            .withNamespace(namespace).withName(sts.getMetadata().getName() + "-" + ordinal)
            .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet")
            .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid()).withController(true)
            .endOwnerReference()
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
        client.pods().inNamespace(namespace).resource(pod).create();
      }
    });
  }
}
