package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.reconcile.backup.SnapshotLayout;
import cloud.hyperbyte.reconcile.backup.SnapshotManifest;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * "Every snapshot the bucket marks complete is a byte-for-byte backup of one member", checked when
 * a backup reports Completed and once more after the run: each folder whose manifest says complete
 * holds a tar whose files (all but the server's own {@code manifest.json}, which carries the time)
 * equal {@code hyperbytedb backup} of some member now. The campaign writes no points after the
 * cluster formed, so a member's backup does not change over a run.
 */
final class SnapshotInvariant implements AutoCloseable {

  static final String NAME = "complete-snapshots-are-member-backups";

  private final SimulatedCluster cluster;
  private final Storage storage;
  private final Trace trace;
  private final Set<String> checked = new HashSet<>();
  private final SharedIndexInformer<HyperbytedbBackup> backups;

  SnapshotInvariant(SimulatedCluster cluster, Storage storage, Trace trace) {
    this.cluster = cluster;
    this.storage = storage;
    this.trace = trace;
    backups = cluster.observerClient().resources(HyperbytedbBackup.class).inNamespace(NAMESPACE)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(HyperbytedbBackup backup) {
            String phase = backup.getStatus() == null ? null : backup.getStatus().getPhase();
            trace.log("backup " + backup.getMetadata().getName() + " " + phase);
            if ("Completed".equals(phase)) {
              checkBucket();
            }
          }

          @Override
          public void onUpdate(HyperbytedbBackup old, HyperbytedbBackup backup) {
            onAdd(backup);
          }

          @Override
          public void onDelete(HyperbytedbBackup backup, boolean finalStateUnknown) {
          }
        });
  }

  /** Checks every complete snapshot not checked yet. */
  synchronized void checkBucket() {
    try {
      Map<String, byte[]> objects = storage.objects();
      for (Map.Entry<String, byte[]> object : objects.entrySet()) {
        String key = object.getKey();
        if (!key.endsWith("/" + SnapshotLayout.MANIFEST) || checked.contains(key)) {
          continue;
        }
        SnapshotManifest manifest = SnapshotManifest.parse(object.getValue()).orElse(null);
        if (manifest == null || !manifest.complete()) {
          continue;
        }
        checked.add(key);
        trace.checked(NAME);
        String folder = key.substring(0, key.length() - SnapshotLayout.MANIFEST.length());
        byte[] archive = objects.get(folder + SnapshotLayout.ARCHIVE);
        if (archive == null) {
          trace.violated(NAME, folder + " is marked complete but holds no " + SnapshotLayout.ARCHIVE);
        } else if (!isBackupOfAMember(Tar.files(archive))) {
          trace.violated(NAME, folder + " is marked complete but its archive is no member's backup: "
              + describe(Tar.files(archive)));
        } else {
          trace.log("snapshot " + folder + " is a member's backup");
        }
      }
    } catch (Exception e) {
      trace.log("could not read the bucket: " + e);
    }
  }

  private boolean isBackupOfAMember(Map<String, byte[]> archived) {
    Map<String, byte[]> files = withoutServerManifest(archived);
    for (SimulatedDatabase database : cluster.databases(NAMESPACE, CLUSTER)) {
      for (SimulatedNode node : database.nodes()) {
        Map<String, byte[]> backup = withoutServerManifest(node.volume().backup(java.time.Instant.EPOCH));
        if (backup.keySet().equals(files.keySet())
            && backup.keySet().stream().allMatch(name -> Arrays.equals(backup.get(name), files.get(name)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<String, byte[]> withoutServerManifest(Map<String, byte[]> files) {
    Map<String, byte[]> rest = new LinkedHashMap<>();
    files.forEach((name, content) -> {
      String normalized = name.startsWith("./") ? name.substring(2) : name;
      if (!normalized.equals("manifest.json") && !normalized.isEmpty() && !normalized.endsWith("/")) {
        rest.put(normalized, content);
      }
    });
    return rest;
  }

  private static String describe(Map<String, byte[]> files) {
    Map<String, String> shown = new LinkedHashMap<>();
    files.forEach((name, content) -> shown.put(name, new String(content, StandardCharsets.UTF_8).strip()));
    return shown.toString();
  }

  @Override
  public void close() {
    backups.close();
  }
}
