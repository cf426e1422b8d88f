package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.LogFormat;
import cloud.hyperbyte.model.v1alpha1.LogLevel;
import org.immutables.value.Value;

/** Server logging. */
@Value.Immutable
public interface LoggingSettings {

  /** Log level. */
  LogLevel level();

  /** Log format. */
  LogFormat format();
}
