package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.database.DatabaseClients;
import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.kube.OwnWrites;
import cloud.hyperbyte.operator.metrics.CertificateExpiryMetrics;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.ProxyAdmin;
import cloud.hyperbyte.reconcile.tls.CertificateExpiryDecision;
import cloud.hyperbyte.reconcile.tls.TlsMaterialDecision;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What a {@link ClusterReconciler} works with.
 *
 * @param probes pool the member probes of a pass run on, shared by all clusters
 * @param probeBudget longest wait for all members of one cluster to answer
 * @param clusterDomain DNS domain of the Kubernetes cluster, for member addresses
 * @param fence passed before each lifecycle action
 * @param expiryDecision the certificate expiry decision, with the renewal policy of {@code tlsDecision}
 * @param operatorImage the operator's own image, which the seed pods run; empty: new members are not seeded
 * @param statusProgressPeriod how long a status change that is progress alone may wait ({@link StatusPacing})
 */
public record ClusterReconcilerSettings(
    KubernetesClient client,
    InformerCaches caches,
    OwnWrites ownWrites,
    OperatorMetrics metrics,
    DatabaseClients databases,
    ProxyAdmin proxyAdmin,
    ExecutorService probes,
    Duration probeBudget,
    String clusterDomain,
    Clock clock,
    LifecycleTimings timings,
    TlsMaterialDecision tlsDecision,
    Fence fence,
    CertificateExpiryDecision expiryDecision,
    CertificateExpiryMetrics certificateMetrics,
    Optional<String> operatorImage,
    Duration statusProgressPeriod) {}
