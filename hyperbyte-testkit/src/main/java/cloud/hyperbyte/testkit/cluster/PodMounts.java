package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.container.ContainerFiles;
import cloud.hyperbyte.testkit.container.HostDirectoryMount;
import cloud.hyperbyte.testkit.container.MemberVolumeMount;
import cloud.hyperbyte.testkit.container.Mount;
import cloud.hyperbyte.testkit.container.ReadOnlyMount;
import cloud.hyperbyte.testkit.db.MemberVolume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file system a container of a simulated pod sees: a PVC that a member ran on is that member's
 * volume, an {@code emptyDir} is a real directory of the test machine (one per pod and volume, gone
 * with the pod), a Secret is a read-only directory holding its keys as files (only the listed
 * {@code items}, when the volume lists some), as the kubelet writes it when the pod starts; anything
 * else (ConfigMap, projected) is read-only and empty.
 */
final class PodMounts implements AutoCloseable {

  /** A container whose volumes cannot be mounted (yet). */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private final DatabasePods members;
  private final KubernetesClient client;
  private final Path root;

  PodMounts(DatabasePods members, KubernetesClient client) {
    this.members = members;
    this.client = client;
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
      return new HostDirectoryMount(directory(pod, volume));
    }
    if (volume.getSecret() != null) {
      return HostDirectoryMount.readOnly(secretFiles(pod, volume.getSecret(), directory(pod, volume)));
    }
    return new ReadOnlyMount();
  }

  private Path directory(Pod pod, Volume volume) {
    Path directory = root.resolve(pod.getMetadata().getUid()).resolve(volume.getName());
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return directory;
  }

  /** Writes the Secret's keys into {@code directory}; a missing Secret or key leaves the pod unable to start. */
  private Path secretFiles(Pod pod, SecretVolumeSource source, Path directory) throws Unavailable {
    Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(source.getSecretName()).get();
    boolean optional = Boolean.TRUE.equals(source.getOptional());
    if (secret == null && optional) {
      return directory;
    }
    if (secret == null) {
      throw new Unavailable("secret \"" + source.getSecretName() + "\" not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
    }
    Map<String, String> files = new LinkedHashMap<>();
    if (source.getItems() == null || source.getItems().isEmpty()) {
      data.keySet().forEach(key -> files.put(key, key));
    } else {
      source.getItems().forEach(item -> files.put(item.getKey(), item.getPath()));
    }
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        if (!data.containsKey(file.getKey()) && optional) {
          continue;
        }
        if (!data.containsKey(file.getKey())) {
          throw new Unavailable("couldn't find key " + file.getKey() + " in Secret " + source.getSecretName());
        }
        Path path = directory.resolve(file.getValue());
        Files.createDirectories(path.getParent());
        Files.write(path, data.get(file.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return directory;
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
