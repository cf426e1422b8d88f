package cloud.hyperbyte.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the Status a refused write carries. */
final class Refusals {

  private Refusals() {}

  /** The write is 422 Invalid with one cause at {@code field} and exactly this Status message. */
  static void assertInvalid(ThrowingCallable write, String field, String message) {
    assertThatThrownBy(write).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
      assertThat(e.getStatus().getDetails().getCauses()).extracting(StatusCause::getField).containsExactly(field);
      assertThat(e.getStatus().getMessage()).isEqualTo(message);
    });
  }

  /** The write is refused with {@code code} and a Status message starting with {@code messageStart}. */
  static void assertRefused(ThrowingCallable write, int code, String messageStart) {
    assertThatThrownBy(write).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(code);
      assertThat(e.getStatus().getMessage()).startsWith(messageStart);
    });
  }
}
