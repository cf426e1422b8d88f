package cloud.hyperbyte.operator.backup;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;

/**
 * Writes the status of a backup or restore through the status subresource, only when it changed.
 * The write replaces the status with the {@code resourceVersion} the decision read, so a decision
 * made on an outdated object fails with 409 and is retried on a fresh read instead of overwriting
 * newer progress (a plain merge patch would win blindly; the status is small, so the full
 * replacement costs nothing).
 */
final class StatusWrites {

  private final KubernetesClient client;

  StatusWrites(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Writes {@code status} on {@code read} (the object as read, its resourceVersion kept) unless
   * equal to its current status.
   *
   * @return whether a write was sent
   * @throws KubernetesClientException when the write fails (409: the object changed meanwhile)
   */
  <S, T extends CustomResource<?, S>> boolean writeIfChanged(T read, S status, Class<T> type) {
    if (Serialization.asJson(status).equals(Serialization.asJson(read.getStatus()))) {
      return false;
    }
    read.setStatus(status);
    client.resources(type).inNamespace(read.getMetadata().getNamespace()).resource(read).updateStatus();
    return true;
  }
}
