package cloud.hyperbyte.reconcile.port;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Reads enum constants from the names the server and the status use; unknown names give empty. */
public final class WireEnums {

  private WireEnums() {}

  /** The constant named {@code value} in any case (surrounding blanks ignored). */
  public static <E extends Enum<E>> Optional<E> ignoringCase(Class<E> type, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(wanted)).findFirst();
  }

  /** The constant whose {@code wireName} is exactly {@code value}. */
  public static <E extends Enum<E>> Optional<E> byWireName(Class<E> type, Function<E, String> wireName, String value) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> wireName.apply(e).equals(value)).findFirst();
  }
}
