package cloud.hyperbyte.reconcile.seed;

import cloud.hyperbyte.reconcile.backup.BackupSourceSelector;
import cloud.hyperbyte.reconcile.pod.PodReadings;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.MemberHealth;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPvc;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the seed decision needs from the pass's observation and the cached objects the cluster
 * owns: claims with their seeded annotation, token Secrets, seed pods, and the members a backup may
 * come from (Ready pod, Active, Raft voter; a non-leader first, as for backups).
 */
public final class SeedObserver {

  private SeedObserver() {}

  /** What the seed decision needs from {@code observed} and the cluster's {@code objects}. */
  public static SeedObservation observe(ObservedCluster observed, SeedObjects objects) {
    return observe(observed, objects.pods(), objects.claims(), objects.secrets());
  }

  public static SeedObservation observe(ObservedCluster observed, List<Pod> ownedPods,
      List<PersistentVolumeClaim> ownedClaims, List<Secret> ownedSecrets) {
    String cluster = observed.spec().name();
    ClusterNames names = ClusterNames.of(observed.spec());
    List<SeedObservation.Claim> claims = new ArrayList<>();
    for (PersistentVolumeClaim pvc : ownedClaims) {
      ObservedPvc.from(pvc, ClusterNames.DATA_VOLUME, names.statefulSet()).ifPresent(claim -> {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        claims.add(new SeedObservation.Claim(claim.ordinal(),
            Optional.ofNullable(annotations == null ? null : annotations.get(SeedNames.SEEDED_ANNOTATION)),
            claim.terminating()));
      });
    }
    List<Integer> tokens = new ArrayList<>();
    for (Secret secret : ownedSecrets) {
      label(secret.getMetadata().getLabels(), SeedNames.ORDINAL_LABEL)
          .filter(o -> cluster.equals(secret.getMetadata().getLabels().get(SeedNames.SEED_LABEL)))
          .filter(o -> SeedNames.tokenSecret(cluster, o).equals(secret.getMetadata().getName()))
          .ifPresent(tokens::add);
    }
    List<SeedObservation.SeedPod> pods = new ArrayList<>();
    List<BackupSourceSelector.Member> members = new ArrayList<>();
    for (Pod pod : ownedPods) {
      Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      if (cluster.equals(labels.get(SeedNames.SEED_LABEL))) {
        seedPod(pod, labels).ifPresent(pods::add);
      } else if (isMember(pod, names)) {
        int ordinal = PodReadings.ordinal(pod);
        Optional<MemberFacts> facts = observed.facts(ordinal);
        // a source must serve (the one test of a healthy member) and hold the group's data as a voter
        boolean healthy = pod.getSpec().getNodeName() != null
            && MemberHealth.servingVoter(observed.pod(ordinal), facts);
        members.add(new BackupSourceSelector.Member(pod.getMetadata().getName(), ordinal, healthy,
            facts.map(MemberFacts::isLeader).orElse(false)));
      }
    }
    List<SeedObservation.Source> sources = BackupSourceSelector.ranked(members).stream()
        .map(m -> new SeedObservation.Source(m.ordinal(), m.pod(), nodeOf(ownedPods, m.pod())))
        .toList();
    return new SeedObservation(observed.spec().seedNewMembers(), observed.statefulSet().isPresent()
        ? observed.statefulSetReplicas() : 0, observed.spec().effectiveReplicas(), claims, tokens, pods, sources);
  }

  private static Optional<SeedObservation.SeedPod> seedPod(Pod pod, Map<String, String> labels) {
    Optional<Integer> ordinal = label(labels, SeedNames.ORDINAL_LABEL);
    Optional<Integer> attempt = label(labels, SeedNames.ATTEMPT_LABEL);
    Optional<Integer> source = label(labels, SeedNames.SOURCE_LABEL);
    Optional<SeedNames.Role> role = Optional.ofNullable(labels.get(SeedNames.ROLE_LABEL)).flatMap(SeedNames.Role::of);
    if (ordinal.isEmpty() || attempt.isEmpty() || source.isEmpty() || role.isEmpty()) {
      return Optional.empty();
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    SeedObservation.Phase observed = SeedObservation.Phase.of(phase);
    Optional<String> message = observed == SeedObservation.Phase.FAILED
        ? Optional.of(PodReadings.failureMessage(pod)).filter(m -> !m.isBlank()) : Optional.empty();
    Optional<String> ip = Optional.ofNullable(pod.getStatus() == null ? null : pod.getStatus().getPodIP())
        .filter(v -> !v.isBlank());
    return Optional.of(new SeedObservation.SeedPod(pod.getMetadata().getName(), pod.getMetadata().getUid(),
        ordinal.get(), attempt.get(), role.get(), source.get(), observed, ip, message,
        pod.getMetadata().getDeletionTimestamp() != null));
  }

  private static boolean isMember(Pod pod, ClusterNames names) {
    String name = pod.getMetadata().getName();
    return name.startsWith(names.statefulSet() + "-") && name.substring(names.statefulSet().length() + 1).matches("\\d+");
  }

  private static String nodeOf(List<Pod> pods, String name) {
    return pods.stream().filter(p -> p.getMetadata().getName().equals(name)).map(p -> p.getSpec().getNodeName())
        .findFirst().orElseThrow();
  }

  private static Optional<Integer> label(Map<String, String> labels, String key) {
    String value = labels == null ? null : labels.get(key);
    try {
      return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
