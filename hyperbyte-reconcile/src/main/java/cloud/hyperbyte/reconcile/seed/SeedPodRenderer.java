package cloud.hyperbyte.reconcile.seed;

import static cloud.hyperbyte.reconcile.pod.StepContainers.mount;
import static cloud.hyperbyte.reconcile.pod.StepContainers.readOnly;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.reconcile.pod.StepContainers;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import cloud.hyperbyte.render.config.ServerPaths;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import cloud.hyperbyte.render.workload.SecureDefaults;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects that seed a new member (pure: same input, equal objects).
 *
 * <ul>
 *   <li>The member's claim, exactly as the StatefulSet controller would create it from its claim
 *       template ({@code <template>-<sts>-<ordinal>}, template labels plus the selector), so the
 *       StatefulSet adopts it.
 *   <li>The seed's Secret: a one-time token both pods read through {@code secretKeyRef}, and the
 *       seed's TLS files ({@link SeedTlsMaterial}): the source mounts its certificate and key, the
 *       target only the CA certificate, at {@link SeedArgs#TLS_MOUNT}.
 *   <li>The source pod, on the source member's node ({@code nodeName}: a ReadWriteOnce volume
 *       mounts on one node only), mounting that member's claim: init container {@code backup} (the
 *       database image, the cluster's config and env) runs {@code hyperbytedb backup} into an
 *       emptyDir; container {@code serve} (the operator image) serves it to one client.
 *   <li>The target pod, mounting the new claim, with the member pods' scheduling constraints
 *       (affinity, anti-affinity, topology spread, node selector, tolerations, priority) so a
 *       WaitForFirstConsumer volume binds where the member will run: init container {@code fetch}
 *       (operator image) fetches and unpacks, container {@code restore} (database image) runs the
 *       restore pod's script: {@code hyperbytedb restore --input}, then removes {@code raft/} and
 *       {@code replication_log/} so the member joins as a new node (contract §5.3).
 * </ul>
 *
 * <p>Both pods: {@code restartPolicy: Never} (the decision retries with new pods), {@code
 * activeDeadlineSeconds}, restricted security contexts, owned by the cluster.
 */
public final class SeedPodRenderer {

  public static final String BACKUP_CONTAINER = "backup";
  public static final String SERVE_CONTAINER = "serve";
  public static final String FETCH_CONTAINER = "fetch";
  public static final String RESTORE_CONTAINER = RestorePodRenderer.RESTORE_CONTAINER;
  /** The emptyDir the backup goes through: the restore step reads it where restore pods have it. */
  public static final String SCRATCH_VOLUME = RestorePodRenderer.SNAPSHOT_VOLUME;
  public static final String TMP_VOLUME = RestorePodRenderer.TMP_VOLUME;
  public static final String TLS_VOLUME = "seed-tls";
  /** Where the source's backup goes (an emptyDir: never on the member's volume). */
  public static final String BACKUP_DIR = RestorePodRenderer.SNAPSHOT_MOUNT + "/backup";

  private SeedPodRenderer() {}

  /**
   * What the seed objects depend on.
   *
   * @param cluster the validated spec (images, env, security)
   * @param statefulSet the rendered StatefulSet: claim template and the member pods' scheduling
   * @param operatorImage the operator's image (serve and fetch steps)
   * @param deadline each pod's {@code activeDeadlineSeconds}
   */
  public record Context(ClusterSpec cluster, StatefulSet statefulSet, String operatorImage, Duration deadline) {
    public Context {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(statefulSet, "statefulSet");
      Objects.requireNonNull(operatorImage, "operatorImage");
      Objects.requireNonNull(deadline, "deadline");
    }
  }

  /** The member's claim as the StatefulSet controller would create it. */
  public static PersistentVolumeClaim claim(Context context, int ordinal) {
    StatefulSet sts = context.statefulSet();
    PersistentVolumeClaim template = sts.getSpec().getVolumeClaimTemplates().stream()
        .filter(t -> ClusterNames.DATA_VOLUME.equals(t.getMetadata().getName()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the StatefulSet has no claim template "
            + ClusterNames.DATA_VOLUME));
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.putAll(sts.getSpec().getSelector().getMatchLabels());
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(ClusterNames.of(context.cluster()).dataPvc(ordinal))
        .withNamespace(context.cluster().namespace())
        .withLabels(labels)
        .withAnnotations(template.getMetadata().getAnnotations())
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  /** The Secret of member {@code ordinal}'s seed: its one-time token and TLS files. */
  public static Secret secret(Context context, int ordinal, String token, SeedTlsMaterial tls) {
    ObjectMeta meta = metadata(context, SeedNames.tokenSecret(context.cluster().name(), ordinal), ordinal, 0, null, -1);
    return new SecretBuilder().withMetadata(meta).withType("Opaque")
        .addToStringData(SeedArgs.TOKEN_KEY, token)
        .addToStringData(SeedArgs.CA_CERT_KEY, tls.caCertificatePem())
        .addToStringData(SeedArgs.TLS_CERT_KEY, tls.certificatePem())
        .addToStringData(SeedArgs.TLS_KEY_KEY, tls.privateKeyPem())
        .build();
  }

  /** The source pod of {@code attempt}, backing up {@code source}'s volume on its node. */
  public static Pod sourcePod(Context context, int ordinal, int attempt, SeedObservation.Source source) {
    ClusterSpec cluster = context.cluster();
    PodSpecBuilder spec = basePod(context)
        .withNodeName(source.nodeName())
        .withInitContainers(backup(cluster))
        .withContainers(operatorStep(context, ordinal, SERVE_CONTAINER, SeedArgs.serveOverTls(BACKUP_DIR,
            SeedArgs.DEFAULT_PORT, context.deadline().toSeconds(), SeedArgs.TLS_MOUNT)))
        .withVolumes(volumes(context, source.ordinal()))
        .addToVolumes(tlsFiles(context, ordinal, SeedArgs.TLS_CERT_KEY, SeedArgs.TLS_KEY_KEY));
    PodSpec memberSpec = memberSpec(context);
    // on the member's node: its taints are tolerated by the member, so by the source too
    spec.withTolerations(memberSpec.getTolerations());
    Pod pod = new PodBuilder()
        .withMetadata(metadata(context, SeedNames.pod(cluster.name(), ordinal, attempt, SeedNames.Role.SOURCE),
            ordinal, attempt, SeedNames.Role.SOURCE, source.ordinal()))
        .withSpec(spec.build())
        .build();
    pod.getSpec().getContainers().get(0).setPorts(List.of(new ContainerPortBuilder()
        .withName("seed").withContainerPort(SeedArgs.DEFAULT_PORT).build()));
    return pod;
  }

  /** The target pod of {@code attempt}, restoring what the source at {@code sourceAddress} serves onto the new claim. */
  public static Pod targetPod(Context context, int ordinal, int attempt, int sourceOrdinal, String sourceAddress) {
    ClusterSpec cluster = context.cluster();
    PodSpec member = memberSpec(context);
    PodSpecBuilder spec = basePod(context)
        .withAffinity(member.getAffinity())
        .withTopologySpreadConstraints(member.getTopologySpreadConstraints())
        .withNodeSelector(member.getNodeSelector())
        .withTolerations(member.getTolerations())
        .withInitContainers(operatorStep(context, ordinal, FETCH_CONTAINER, SeedArgs.fetchOverTls(sourceAddress,
            RestorePodRenderer.SNAPSHOT_DIR, context.deadline().toSeconds(), SeedArgs.TLS_MOUNT)))
        .withContainers(RestorePodRenderer.restore(cluster))
        .withVolumes(volumes(context, ordinal))
        // the target verifies the source: it needs the CA's certificate, never the source's key
        .addToVolumes(tlsFiles(context, ordinal, SeedArgs.CA_CERT_KEY));
    return new PodBuilder()
        .withMetadata(metadata(context, SeedNames.pod(cluster.name(), ordinal, attempt, SeedNames.Role.TARGET),
            ordinal, attempt, SeedNames.Role.TARGET, sourceOrdinal))
        .withSpec(spec.build())
        .build();
  }

  private static PodSpec memberSpec(Context context) {
    return context.statefulSet().getSpec().getTemplate().getSpec();
  }

  private static PodSpecBuilder basePod(Context context) {
    PodSpec member = memberSpec(context);
    PodSpecBuilder spec = new PodSpecBuilder()
        .withRestartPolicy("Never")
        .withActiveDeadlineSeconds(context.deadline().toSeconds())
        .withEnableServiceLinks(false)
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(context.cluster().podSecurityContext().orElseGet(SecureDefaults::pod))
        .withPriorityClassName(member.getPriorityClassName())
        .withImagePullSecrets(member.getImagePullSecrets());
    return spec;
  }

  /** Member {@code ordinal}'s claim and the config, the backup's scratch space, {@code /tmp}. */
  private static List<Volume> volumes(Context context, int ordinal) {
    List<Volume> volumes = new ArrayList<>(StepContainers.memberVolumes(context.cluster(), ordinal));
    volumes.add(StepContainers.scratch(SCRATCH_VOLUME));
    volumes.add(StepContainers.scratch(TMP_VOLUME));
    return volumes;
  }

  private static Volume tlsFiles(Context context, int ordinal, String... keys) {
    return StepContainers.secretFiles(TLS_VOLUME, SeedNames.tokenSecret(context.cluster().name(), ordinal), keys);
  }

  private static Container backup(ClusterSpec cluster) {
    ContainerBuilder container = StepContainers.databaseStep(cluster, BACKUP_CONTAINER,
            List.of("hyperbytedb", "--config", ServerPaths.CONFIG_FILE, "backup", "--output", BACKUP_DIR))
        .withVolumeMounts(
            mount(ClusterNames.DATA_VOLUME, OperatorPaths.DATA_DIR),
            readOnly(DatabasePodTemplate.CONFIG_VOLUME, OperatorPaths.CONFIG_DIR),
            mount(SCRATCH_VOLUME, RestorePodRenderer.SNAPSHOT_MOUNT),
            mount(TMP_VOLUME, OperatorPaths.TMP_DIR));
    cluster.resources().ifPresent(container::withResources);
    return container.build();
  }

  private static Container operatorStep(Context context, int ordinal, String name, List<String> args) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(context.operatorImage())
        .withArgs(args)
        .withEnv(StepContainers.secretEnv(SeedArgs.TOKEN_ENV, SeedNames.tokenSecret(context.cluster().name(), ordinal),
            SeedArgs.TOKEN_KEY))
        .withResources(StepContainers.operatorStepResources())
        .withSecurityContext(SecureDefaults.container())
        .withVolumeMounts(mount(SCRATCH_VOLUME, RestorePodRenderer.SNAPSHOT_MOUNT), mount(TMP_VOLUME, OperatorPaths.TMP_DIR),
            readOnly(TLS_VOLUME, SeedArgs.TLS_MOUNT))
        .build();
  }

  private static ObjectMeta metadata(Context context, String name, int ordinal, int attempt, SeedNames.Role role,
      int sourceOrdinal) {
    ClusterSpec cluster = context.cluster();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClusterLabels.NAME, SeedNames.SEED_APP);
    labels.put(ClusterLabels.INSTANCE, cluster.name());
    labels.put(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    labels.put(ClusterLabels.PART_OF, ClusterLabels.DATABASE_APP);
    labels.put(SeedNames.SEED_LABEL, cluster.name());
    labels.put(SeedNames.ORDINAL_LABEL, Integer.toString(ordinal));
    if (role != null) {
      labels.put(SeedNames.ATTEMPT_LABEL, Integer.toString(attempt));
      labels.put(SeedNames.ROLE_LABEL, role.label());
      labels.put(SeedNames.SOURCE_LABEL, Integer.toString(sourceOrdinal));
    }
    return ObjectMetadata.of(cluster, name, labels);
  }
}
