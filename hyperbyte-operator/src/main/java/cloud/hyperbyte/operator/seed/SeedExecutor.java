package cloud.hyperbyte.operator.seed;

import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.ClusterWrites;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import cloud.hyperbyte.reconcile.seed.SeedAction;
import cloud.hyperbyte.reconcile.seed.SeedNames;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
import cloud.hyperbyte.reconcile.seed.SeedPodRenderer;
import cloud.hyperbyte.reconcile.seed.SeedTlsMaterial;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Runs a pass's seed actions through the operator's API client, each after the {@link Fence}: an
 * instance that may have lost leadership creates no pod and marks no claim. Every action is safe to
 * repeat: a create that finds its object (409) is done, a delete of something gone is done. The
 * operator only creates, watches and deletes; the data goes from the source pod to the target pod,
 * over TLS with the certificate issued here, when the seed's Secret is created, for that seed alone.
 */
public final class SeedExecutor {

  private final KubernetesClient client;
  private final ClusterWrites writes;
  private final Fence fence;
  private final SecureRandom random;
  private final Clock clock;

  public SeedExecutor(KubernetesClient client, ClusterWrites writes, Fence fence, SecureRandom random, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.fence = Objects.requireNonNull(fence, "fence");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void execute(ClusterRef cluster, SeedPodRenderer.Context context, SeedPlan plan)
      throws KubernetesWriteException {
    execute(cluster, context, plan.actions());
  }

  /** Runs {@code actions}, a part of a plan's, in order. */
  public void execute(ClusterRef cluster, SeedPodRenderer.Context context, List<SeedAction> actions)
      throws KubernetesWriteException {
    for (SeedAction action : actions) {
      fence.check("seed " + action);
      run(cluster, context, action);
    }
  }

  private void run(ClusterRef cluster, SeedPodRenderer.Context context, SeedAction action)
      throws KubernetesWriteException {
    String ns = cluster.namespace();
    if (action instanceof SeedAction.CreateClaim create) {
      create(SeedPodRenderer.claim(context, create.ordinal()));
    } else if (action instanceof SeedAction.CreateToken token) {
      String name = SeedNames.tokenSecret(cluster.name(), token.ordinal());
      create(SeedPodRenderer.secret(context, token.ordinal(), newToken(), SeedTlsMaterial.issue(name, clock, random)));
    } else if (action instanceof SeedAction.CreateSourcePod source) {
      if (create(SeedPodRenderer.sourcePod(context, source.ordinal(), source.attempt(), source.source()))) {
        // a pass that ran before the cache saw the pod repeats the create: the seeding began only once
        writes.recordEvent(cluster, ClusterEvent.normal("MemberSeeding", "Seeding member " + cluster.name() + "-"
            + source.ordinal() + " (attempt " + source.attempt() + ") from a backup of " + source.source().podName(),
            source.source().podName()));
      }
    } else if (action instanceof SeedAction.CreateTargetPod target) {
      create(SeedPodRenderer.targetPod(context, target.ordinal(), target.attempt(), target.sourceOrdinal(),
          target.sourceAddress()));
    } else if (action instanceof SeedAction.MarkSeeded seeded) {
      String claim = ClusterNames.of(context.cluster()).dataPvc(seeded.ordinal());
      String patch = "{\"metadata\":{\"annotations\":{\"" + SeedNames.SEEDED_ANNOTATION + "\":\""
          + seeded.sourcePod() + "\"}}}";
      try {
        client.persistentVolumeClaims().inNamespace(ns).withName(claim).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      } catch (KubernetesClientException e) {
        throw new KubernetesWriteException(e.getCode(), "marking " + claim + " seeded: " + e.getMessage(), e);
      }
      writes.recordEvent(cluster, ClusterEvent.normal("MemberSeeded", "The volume " + claim
          + " holds a backup from " + seeded.sourcePod() + "; the member starts on it", null));
    } else if (action instanceof SeedAction.ClearSeeded cleared) {
      String claim = ClusterNames.of(context.cluster()).dataPvc(cleared.ordinal());
      try {
        client.persistentVolumeClaims().inNamespace(ns).withName(claim).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + SeedNames.SEEDED_ANNOTATION + "\":null}}}");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw new KubernetesWriteException(e.getCode(), "clearing the seeded mark of " + claim + ": " + e.getMessage(), e);
        }
      }
    } else if (action instanceof SeedAction.DeletePod delete) {
      writes.deletePod(cluster, delete.name(), delete.uid());
    } else if (action instanceof SeedAction.DeleteToken token) {
      try {
        client.secrets().inNamespace(ns).withName(SeedNames.tokenSecret(cluster.name(), token.ordinal())).delete();
      } catch (KubernetesClientException e) {
        throw new KubernetesWriteException(e.getCode(), "deleting the seed token of member " + token.ordinal() + ": "
            + e.getMessage(), e);
      }
    }
  }

  /** Creates {@code object}; false when it existed already (409), as a repeated pass finds it. */
  private boolean create(HasMetadata object) throws KubernetesWriteException {
    try {
      client.resource(object).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw new KubernetesWriteException(e.getCode(), "creating " + object.getKind() + " " + object.getMetadata().getName()
            + ": " + e.getMessage(), e);
      }
      return false;
    }
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
