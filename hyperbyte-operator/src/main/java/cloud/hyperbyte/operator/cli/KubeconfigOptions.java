package cloud.hyperbyte.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --kubeconfig}, {@code --context} and {@code -n}: how a live, read-only command reaches a
 * cluster, as kubectl does (the file given, else the first file of {@code KUBECONFIG}, else
 * {@code ~/.kube/config}, else the in-cluster service account; the namespace given, else the
 * context's, else {@code default}).
 */
public final class KubeconfigOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG, else ~/.kube/config).")
  Optional<File> kubeconfig = Optional.empty();

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current context).")
  Optional<String> context = Optional.empty();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the context's, else default).")
  Optional<String> namespace = Optional.empty();

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** A client configured from these options in {@code environment}; a missing kubeconfig file is a usage error. */
  KubernetesClient connect(ProcessEnvironment environment) {
    if (kubeconfig.isPresent() && !kubeconfig.get().isFile()) {
      throw new ParameterException(command.commandLine(), "--kubeconfig: no such file: " + kubeconfig.get());
    }
    String contextName = context.orElse(null);
    Optional<File> file = kubeconfig.or(() -> Optional.ofNullable(environment.variables().get("KUBECONFIG"))
        .filter(v -> !v.isBlank())
        .map(v -> environment.file(v.split(File.pathSeparator)[0]).toFile()));
    Config config = file.map(f -> Config.fromKubeconfig(contextName, f)).orElseGet(() -> Config.autoConfigure(contextName));
    // a person waits for the answer: one retry, not fabric8's ten with growing back-off (about 40 s)
    config.setRequestRetryBackoffLimit(1);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The namespace to read in. */
  String namespace(KubernetesClient client) {
    return namespace.or(() -> Optional.ofNullable(client.getNamespace())).filter(ns -> !ns.isBlank()).orElse("default");
  }
}
