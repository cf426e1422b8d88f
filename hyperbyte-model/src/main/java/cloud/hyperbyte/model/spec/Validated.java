package cloud.hyperbyte.model.spec;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating user input: a value when there is no error, and every problem found
 * (errors and warnings) in the order they were found.
 *
 * @param <T> the validated value
 */
public final class Validated<T> {

  private final T value;
  private final List<Problem> problems;

  private Validated(T value, List<Problem> problems) {
    this.value = value;
    this.problems = List.copyOf(problems);
  }

  /** A result; {@code value} is kept only when {@code problems} holds no error. */
  public static <T> Validated<T> of(T value, List<Problem> problems) {
    boolean failed = problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
    return new Validated<>(failed ? null : value, problems);
  }

  /** A failed result. */
  public static <T> Validated<T> failed(List<Problem> problems) {
    return new Validated<>(null, problems);
  }

  public boolean isValid() {
    return value != null;
  }

  /** The value, present only when there is no error. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  public List<Problem> problems() {
    return problems;
  }

  public List<Problem> errors() {
    return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
  }

  /** The value, or an {@link InvalidSpecException} carrying every problem. */
  public T orElseThrow() {
    if (value == null) {
      throw new InvalidSpecException(problems);
    }
    return value;
  }

  /** Applies {@code next} to the value, keeping the problems found so far. */
  public <R> Validated<R> flatMap(java.util.function.Function<T, Validated<R>> next) {
    if (value == null) {
      return failed(problems);
    }
    Validated<R> result = next.apply(value);
    List<Problem> all = new java.util.ArrayList<>(problems);
    all.addAll(result.problems);
    return result.value == null ? failed(all) : new Validated<>(result.value, all);
  }
}
