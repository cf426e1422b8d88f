package cloud.hyperbyte.reconcile.seed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * The objects of a cluster the seed decision reads: its pods (members and seed pods), its claims and
 * its Secrets (the seed tokens among them).
 */
public record SeedObjects(List<Pod> pods, List<PersistentVolumeClaim> claims, List<Secret> secrets) {

  public SeedObjects {
    pods = List.copyOf(pods);
    claims = List.copyOf(claims);
    secrets = List.copyOf(secrets);
  }

  /** The pods, claims and Secrets among {@code objects}. */
  public static SeedObjects of(List<? extends HasMetadata> objects) {
    return new SeedObjects(only(objects, Pod.class), only(objects, PersistentVolumeClaim.class),
        only(objects, Secret.class));
  }

  private static <T> List<T> only(List<? extends HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
