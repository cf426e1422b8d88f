package cloud.hyperbyte.testkit.container;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a container of a run-to-completion pod, as a {@link ContainerProgram} gets it.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param container the container's name
 * @param image the container's image
 * @param command the container's {@code command} (empty: the image's entrypoint)
 * @param args the container's {@code args}
 * @param env the container's environment, {@code secretKeyRef}s and {@code configMapKeyRef}s resolved
 * @param files the container's mounts
 */
public record ContainerInvocation(
    String namespace,
    String pod,
    String container,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    ContainerFiles files) {

  public ContainerInvocation {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    Objects.requireNonNull(files, "files");
  }
}
