package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.reconcile.seed.SeedAction;
import cloud.hyperbyte.reconcile.seed.SeedNames;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.reconcile.seed.SeedTlsMaterial;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The seeding's writes of one pass as the world shows them once they succeeded: the claim bound, the
 * source pod serving (Running, with an IP, on its member's node), the target pod done (Succeeded),
 * the seeded mark set or removed, spent pods and tokens gone. The objects are the ones the operator
 * writes ({@link SeedPodRenderer}), so the next pass's seed decision reads them as it reads the real ones.
 */
final class ProjectedSeeding {

  /** Stands for the operator's image in the seed pods the plan projects; no one runs them. */
  private static final String OPERATOR_IMAGE = "hyperbyte-operator";
  private static final Duration DEADLINE = Duration.ofHours(2);
  /** Stands in for the token and TLS material the operator draws at random: a plan is pure. */
  private static final String PLANNED = "planned";
  private static final SeedTlsMaterial PLANNED_TLS = new SeedTlsMaterial(PLANNED, PLANNED, PLANNED);

  private final Map<String, HasMetadata> objects;
  private final Function<HasMetadata, String> key;
  private final Function<String, String> uid;

  /**
   * @param objects the projected objects by {@code key}, changed in place
   * @param uid a fresh UID for an object of the given name
   */
  ProjectedSeeding(Map<String, HasMetadata> objects, Function<HasMetadata, String> key, Function<String, String> uid) {
    this.objects = objects;
    this.key = key;
    this.uid = uid;
  }

  /** Carries out {@code pass}'s seed writes, in order. */
  void apply(ReconcilePass pass) {
    if (pass.seeding().isEmpty()) {
      return;
    }
    ClusterNames names = pass.observed().names();
    SeedPodRenderer.Context context = new SeedPodRenderer.Context(pass.observed().spec(),
        pass.observed().rendered().get(StatefulSet.class, names.statefulSet()), OPERATOR_IMAGE, DEADLINE);
    String cluster = pass.observed().spec().name();
    for (SeedAction action : pass.seeding().get().actions()) {
      if (action instanceof SeedAction.CreateClaim create) {
        PersistentVolumeClaim claim = SeedPodRenderer.claim(context, create.ordinal());
        putIfAbsent(new PersistentVolumeClaimBuilder(claim).editMetadata().withUid(uid.apply(claim.getMetadata()
            .getName())).endMetadata().withNewStatus().withPhase("Bound")
            .addToCapacity(claim.getSpec().getResources().getRequests()).endStatus().build());
      } else if (action instanceof SeedAction.CreateToken token) {
        putIfAbsent(SeedPodRenderer.secret(context, token.ordinal(), PLANNED, PLANNED_TLS));
      } else if (action instanceof SeedAction.CreateSourcePod source) {
        Pod pod = SeedPodRenderer.sourcePod(context, source.ordinal(), source.attempt(), source.source());
        putIfAbsent(new PodBuilder(pod).editMetadata().withUid(uid.apply(pod.getMetadata().getName())).endMetadata()
            .withNewStatus().withPhase("Running").withPodIP("10.253.0." + (source.ordinal() + 1)).endStatus().build());
      } else if (action instanceof SeedAction.CreateTargetPod target) {
        Pod pod = SeedPodRenderer.targetPod(context, target.ordinal(), target.attempt(), target.sourceOrdinal(),
            target.sourceAddress());
        putIfAbsent(new PodBuilder(pod).editMetadata().withUid(uid.apply(pod.getMetadata().getName())).endMetadata()
            .withNewStatus().withPhase("Succeeded").endStatus().build());
      } else if (action instanceof SeedAction.MarkSeeded seeded) {
        annotate(names.dataPvc(seeded.ordinal()), seeded.sourcePod());
      } else if (action instanceof SeedAction.ClearSeeded cleared) {
        annotate(names.dataPvc(cleared.ordinal()), null);
      } else if (action instanceof SeedAction.DeletePod delete) {
        objects.values().removeIf(o -> o instanceof Pod && o.getMetadata().getName().equals(delete.name()));
      } else if (action instanceof SeedAction.DeleteToken token) {
        String name = SeedNames.tokenSecret(cluster, token.ordinal());
        objects.values().removeIf(o -> o.getKind().equals("Secret") && o.getMetadata().getName().equals(name));
      }
    }
  }

  private void putIfAbsent(HasMetadata object) {
    objects.putIfAbsent(key.apply(object), object);
  }

  /** Sets the seeded mark on {@code claim} to {@code from}, or removes it when {@code from} is null. */
  private void annotate(String claim, String from) {
    objects.replaceAll((id, o) -> {
      if (!(o instanceof PersistentVolumeClaim pvc) || !pvc.getMetadata().getName().equals(claim)) {
        return o;
      }
      ObjectMetaBuilder meta = new ObjectMetaBuilder(pvc.getMetadata());
      if (from == null) {
        meta.removeFromAnnotations(SeedNames.SEEDED_ANNOTATION);
      } else {
        meta.addToAnnotations(SeedNames.SEEDED_ANNOTATION, from);
      }
      return new PersistentVolumeClaimBuilder(pvc).withMetadata(meta.build()).build();
    });
  }
}
