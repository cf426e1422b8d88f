package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.function.Consumer;

/** Specs built the way the operator builds them: a custom resource through the model's factory. */
public final class TestClusters {

  public static final String NAME = "db";
  public static final String NAMESPACE = "prod";

  private TestClusters() {}

  /** A validated, fully defaulted spec of {@code replicas} members at version 0.8.5. */
  public static ImmutableClusterSpec spec(int replicas) {
    return spec(replicas, s -> {});
  }

  /** {@link #spec(int)} with {@code customize} applied to the custom resource's spec first. */
  public static ImmutableClusterSpec spec(int replicas, Consumer<HyperbytedbClusterSpec> customize) {
    HyperbytedbClusterSpec spec = new HyperbytedbClusterSpec();
    spec.setReplicas(replicas);
    spec.setVersion("0.8.5");
    customize.accept(spec);
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).withUid("uid-1").withGeneration(1L).build());
    cluster.setSpec(spec);
    return (ImmutableClusterSpec) ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
  }
}
