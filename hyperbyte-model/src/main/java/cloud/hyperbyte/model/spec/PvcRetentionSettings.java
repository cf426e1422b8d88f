package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import org.immutables.value.Value;

/** StatefulSet volume claim retention. */
@Value.Immutable
public interface PvcRetentionSettings {

  /** After scale-down. */
  PvcRetention whenScaled();

  /** After cluster deletion. */
  PvcRetention whenDeleted();
}
