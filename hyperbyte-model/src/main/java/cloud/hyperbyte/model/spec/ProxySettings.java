package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.PullPolicy;
import cloud.hyperbyte.model.v1alpha1.ServiceType;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** hyperbytedb-proxy in front of the cluster; present only when enabled. */
@Value.Immutable
public interface ProxySettings {

  /** Resolved image reference. */
  String image();

  /**
   * Whether {@link #image()} takes its tag from {@code spec.version} ({@code proxy.image} names no
   * tag or digest, the default): such a proxy moves to a new version only after the members did.
   */
  @Value.Default
  default boolean imageFollowsVersion() {
    return false;
  }

  /** Pull policy. */
  Optional<PullPolicy> imagePullPolicy();

  /** Image pull Secrets of the proxy pods; empty means the cluster's. */
  List<String> imagePullSecrets();

  /** Proxy replicas. */
  int replicas();

  /** Public port. */
  int port();

  /** Admin port. */
  int adminPort();

  /** Backend health path. */
  String healthPath();

  /** Wait for a healthy backend. */
  int holdTimeoutSecs();

  /** Retries on another backend. */
  int maxRetries();

  /** Drain time after SIGTERM. */
  int shutdownGraceSecs();

  /** Upstream request timeout. */
  int requestTimeoutSecs();

  /** Container resources. */
  Optional<ResourceRequirements> resources();

  /** Service type. */
  ServiceType serviceType();

  /** Node port. */
  OptionalInt nodePort();

  /** Extra pod annotations. */
  Map<String, String> podAnnotations();

  /** Extra pod labels. */
  Map<String, String> podLabels();
}
