package cloud.hyperbyte.model.spec;

import java.util.OptionalInt;
import org.immutables.value.Value;

/** chDB engine settings. */
@Value.Immutable
public interface ChdbSettings {

  /** Legacy size of both pools. */
  OptionalInt poolSize();

  /** Query pool size. */
  OptionalInt queryPoolSize();

  /** Write pool size. */
  OptionalInt writePoolSize();

  /** chDB data directory on the member volume. */
  String sessionDataPath();
}
