package cloud.hyperbyte.render;

import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * Inputs to render that come from the reconcile layer rather than the spec: how far a rolling update
 * may go, and the hash of TLS material the operator holds.
 */
@Value.Immutable
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC, jdkOnly = true)
public interface RenderOptions {

  /** How the StatefulSet controller may replace pods. */
  enum UpdateStrategy {
    /**
     * {@code RollingUpdate} with a partition: only ordinals at or above it get the new template. The
     * operator lowers it one member at a time.
     */
    PARTITIONED_ROLLING_UPDATE,
    /** {@code OnDelete}: pods change only when the operator deletes them. */
    ON_DELETE
  }

  /**
   * Defaults: {@code OnDelete}, so that the operator picks every member's restart itself, the Raft
   * leader last whatever its ordinal (a partition only allows highest ordinal first); no certificate
   * hash.
   */
  static RenderOptions defaults() {
    return ImmutableRenderOptions.builder().build();
  }

  @Value.Default
  default UpdateStrategy updateStrategy() {
    return UpdateStrategy.ON_DELETE;
  }

  /**
   * The StatefulSet partition; empty means the replica count, so no existing member rolls until the
   * operator lowers it.
   */
  OptionalInt partition();

  /**
   * Hash of the TLS material in the mounted Secret, put on the pod template so that renewed
   * certificates roll the members (the server loads them once). Rendered only with TLS on.
   */
  Optional<String> certificateHash();

  @Value.Check
  default void check() {
    if (partition().isPresent() && partition().getAsInt() < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition().getAsInt());
    }
  }
}
