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

/** A one-shot or scheduled S3 backup of a HyperbyteDB cluster. */
@Group(HyperbytedbCluster.GROUP)
@Version(HyperbytedbCluster.VERSION)
@Plural("hyperbytedbbackups")
@Singular("hyperbytedbbackup")
@ShortNames({"hbb", "hbbackup"})
@Categories("hyperbytedb")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.clusterName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.backupSize", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class HyperbytedbBackup extends CustomResource<HyperbytedbBackupSpec, HyperbytedbBackupStatus>
    implements Namespaced {

  /** Kind as written in manifests. */
  public static final String KIND = "HyperbytedbBackup";
}
