package cloud.hyperbyte.operator.health;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/** One named condition of liveness or readiness, evaluated on every probe. */
public record HealthCheck(String name, BooleanSupplier passing) {

  public HealthCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(passing, "passing");
  }
}
