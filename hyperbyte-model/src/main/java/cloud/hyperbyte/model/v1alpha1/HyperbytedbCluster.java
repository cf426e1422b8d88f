package cloud.hyperbyte.model.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A HyperbyteDB cluster: a StatefulSet of database members plus everything around it. */
@Group(HyperbytedbCluster.GROUP)
@Version(HyperbytedbCluster.VERSION)
@Plural("hyperbytedbclusters")
@Singular("hyperbytedbcluster")
@ShortNames({"hbc", "hbcluster"})
@Categories("hyperbytedb")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".spec.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".status.clusterState", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.currentVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HyperbytedbCluster extends CustomResource<HyperbytedbClusterSpec, HyperbytedbClusterStatus>
    implements Namespaced {

  /** API group of all HyperbyteDB resources. */
  public static final String GROUP = "hyperbytedb.hyperbyte.cloud";
  /** API version of all HyperbyteDB resources. */
  public static final String VERSION = "v1alpha1";
  /** apiVersion as written in manifests. */
  public static final String API_VERSION = GROUP + "/" + VERSION;
  /** Kind as written in manifests. */
  public static final String KIND = "HyperbytedbCluster";
}
