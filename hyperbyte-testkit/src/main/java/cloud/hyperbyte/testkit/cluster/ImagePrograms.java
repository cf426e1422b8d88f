package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.container.ContainerProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Which program a container image runs in the simulation; the first registration that matches wins. */
final class ImagePrograms {

  private record Registration(Predicate<String> image, ContainerProgram program) {}

  private final List<Registration> registrations = new ArrayList<>();

  void register(Predicate<String> image, ContainerProgram program) {
    registrations.add(new Registration(image, program));
  }

  Optional<ContainerProgram> of(String image) {
    return registrations.stream().filter(r -> image != null && r.image().test(image)).map(Registration::program)
        .findFirst();
  }

  /** Whether {@code image} is a HyperbyteDB server image: its repository's last path segment is {@code hyperbytedb}. */
  static boolean isDatabaseImage(String image) {
    String repository = image;
    int digest = repository.indexOf('@');
    if (digest >= 0) {
      repository = repository.substring(0, digest);
    }
    int slash = repository.lastIndexOf('/');
    int colon = repository.lastIndexOf(':');
    if (colon > slash) {
      repository = repository.substring(0, colon);
    }
    return repository.substring(repository.lastIndexOf('/') + 1).equals("hyperbytedb");
  }
}
