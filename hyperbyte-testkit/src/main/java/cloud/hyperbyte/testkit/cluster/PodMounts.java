package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.container.ContainerFiles;
import cloud.hyperbyte.testkit.container.HostDirectoryMount;
import cloud.hyperbyte.testkit.container.MemberVolumeMount;
import cloud.hyperbyte.testkit.container.Mount;
import cloud.hyperbyte.testkit.container.ReadOnlyMount;
import cloud.hyperbyte.testkit.db.MemberVolume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file system a container of a simulated pod sees: a PVC that a member ran on is that member's
 * volume, an {@code emptyDir} is a real directory of the test machine (one per pod and volume, gone
 * with the pod), anything else (ConfigMap, Secret, projected) is read-only and empty.
 */
final class PodMounts implements AutoCloseable {

  /** A container whose volumes cannot be mounted (yet). */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private final DatabasePods members;
  private final Path root;

  PodMounts(DatabasePods members) {
    this.members = members;
    try {
      this.root = Files.createTempDirectory("hyperbyte-testkit-pods");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PVC-backed member volumes the pod mounts, by claim name. */
  Map<String, Optional<MemberVolume>> claims(Pod pod) {
    Map<String, Optional<MemberVolume>> claims = new LinkedHashMap<>();
    for (Volume volume : volumes(pod)) {
      if (volume.getPersistentVolumeClaim() != null) {
        String claim = volume.getPersistentVolumeClaim().getClaimName();
        claims.put(claim, members.volumeOfClaim(pod.getMetadata().getNamespace(), claim));
      }
    }
    return claims;
  }

  ContainerFiles of(Pod pod, Container container) throws Unavailable {
    Map<String, Mount> mounts = new LinkedHashMap<>();
    List<VolumeMount> volumeMounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
    for (VolumeMount volumeMount : volumeMounts) {
      Volume volume = volumes(pod).stream().filter(v -> v.getName().equals(volumeMount.getName())).findFirst()
          .orElseThrow(() -> new Unavailable("volume " + volumeMount.getName() + " is not defined in the pod"));
      mounts.put(volumeMount.getMountPath(), mount(pod, volume));
    }
    return new ContainerFiles(mounts);
  }

  private Mount mount(Pod pod, Volume volume) throws Unavailable {
    if (volume.getPersistentVolumeClaim() != null) {
      String claim = volume.getPersistentVolumeClaim().getClaimName();
      return new MemberVolumeMount(members.provisionedVolumeOfClaim(pod.getMetadata().getNamespace(), claim).orElseThrow(() ->
          new Unavailable("testkit: PVC " + claim + " holds no member volume (missing, or no member ever ran on it)")));
    }
    if (volume.getEmptyDir() != null) {
      Path directory = root.resolve(pod.getMetadata().getUid()).resolve(volume.getName());
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new HostDirectoryMount(directory);
    }
    return new ReadOnlyMount();
  }

  /** Deletes the pod's emptyDirs. */
  void release(Pod pod) {
    delete(root.resolve(pod.getMetadata().getUid()));
  }

  @Override
  public void close() {
    delete(root);
  }

  private static void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory; nothing depends on it
    }
  }

  private static List<Volume> volumes(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
  }
}
