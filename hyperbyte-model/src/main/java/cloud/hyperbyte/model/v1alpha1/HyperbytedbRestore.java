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

/** A restore of a HyperbyteDB cluster from one S3 snapshot. */
@Group(HyperbytedbCluster.GROUP)
@Version(HyperbytedbCluster.VERSION)
@Plural("hyperbytedbrestores")
@Singular("hyperbytedbrestore")
@ShortNames({"hbr", "hbrestore"})
@Categories("hyperbytedb")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.clusterName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Backup", jsonPath = ".spec.backupName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HyperbytedbRestore extends CustomResource<HyperbytedbRestoreSpec, HyperbytedbRestoreStatus>
    implements Namespaced {

  /** Kind as written in manifests. */
  public static final String KIND = "HyperbytedbRestore";
}
