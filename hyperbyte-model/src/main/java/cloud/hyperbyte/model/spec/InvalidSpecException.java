package cloud.hyperbyte.model.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when invalid input is used as if it were valid; carries every problem found. */
public final class InvalidSpecException extends IllegalArgumentException {

  private final transient List<Problem> problems;

  public InvalidSpecException(List<Problem> problems) {
    super(problems.stream().map(Problem::describe).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
