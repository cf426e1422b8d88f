package cloud.hyperbyte.model.manifest;

import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object read from a manifest, as a plain tree of maps, lists and scalars.
 *
 * @param label where it came from, e.g. {@code document 2} or {@code document 1, items[3]}
 * @param tree the object; keys are strings, values maps, lists, strings, numbers, booleans or null
 */
public record ManifestDocument(String label, Map<String, Object> tree) {

  /** Its {@code kind}, or empty when missing or not a string. */
  public String kind() {
    return tree.get("kind") instanceof String kind ? kind : "";
  }

  /** Its {@code apiVersion}, or empty when missing or not a string. */
  public String apiVersion() {
    return tree.get("apiVersion") instanceof String version ? version : "";
  }

  /** {@code apiVersion kind name}, for messages about documents that are skipped. */
  public String describe() {
    Object metadata = tree.get("metadata");
    Object name = metadata instanceof Map<?, ?> meta ? meta.get("name") : null;
    return (apiVersion() + " " + kind() + " " + Objects.toString(name, "")).strip();
  }
}
