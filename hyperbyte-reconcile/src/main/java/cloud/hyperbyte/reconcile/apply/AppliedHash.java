package cloud.hyperbyte.reconcile.apply;

import cloud.hyperbyte.render.metadata.ShortHash;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A short hash of the desired object as last applied, kept in an annotation on the object itself.
 *
 * <p>Why: the {@linkplain OwnedFieldComparison desired ⊆ live comparison} tolerates extra fields in
 * the live object, which is what keeps server defaults and other writers from causing applies. The
 * price is that it cannot notice a field the operator <em>stopped</em> setting (an env var removed
 * from the template, a volume dropped): the field is still live, so live still covers desired. The
 * hash does: any change to the desired object, removals included, changes the hash, the planner
 * applies, and SSA with the same field manager removes the dropped field. Server defaults and foreign
 * fields never enter the hash (it is taken over the desired object only), so it does not cause writes
 * of its own.
 *
 * <p>Alternatives considered: reading {@code managedFields} to know exactly what the operator owns is
 * precise but ties planning to the server's field-set encoding, and the fabric8 mock never fills it;
 * keeping last-applied state in operator memory is lost on restart and across leaders. The annotation
 * costs one short string per object and survives both.
 */
public final class AppliedHash {

  /** Annotation holding the hash of the desired object last applied. */
  public static final String ANNOTATION = "hyperbytedb.hyperbyte.cloud/applied-hash";

  private AppliedHash() {}

  /** The hash of a stripped desired tree, ignoring any hash annotation already on it. */
  static String of(ObjectNode desired) {
    if (recorded(desired).isEmpty()) {
      return ShortHash.of(ObjectJson.canonical(desired));
    }
    ObjectNode copy = desired.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    ObjectNode annotations = (ObjectNode) metadata.get("annotations");
    annotations.remove(ANNOTATION);
    if (annotations.isEmpty()) {
      metadata.remove("annotations");
    }
    return ShortHash.of(ObjectJson.canonical(copy));
  }

  /** Puts {@code hash} on {@code desired}'s metadata annotations, in place. */
  static void stamp(ObjectNode desired, String hash) {
    ObjectNode metadata = desired.withObjectProperty("metadata");
    metadata.withObjectProperty("annotations").put(ANNOTATION, hash);
  }

  /** The hash recorded in a live tree, if any. */
  static Optional<String> recorded(JsonNode live) {
    JsonNode value = live.path("metadata").path("annotations").path(ANNOTATION);
    return value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
  }
}
