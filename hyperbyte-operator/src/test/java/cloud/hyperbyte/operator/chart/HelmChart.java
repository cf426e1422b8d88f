package cloud.hyperbyte.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The operator chart in this checkout, rendered and linted by the real Helm library (helm-java). */
final class HelmChart {

  static final String RELEASE = "hyperbytedb-operator";
  static final String NAMESPACE = "hyperbytedb-system";
  /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion). */
  static final String KUBE_VERSION = "v1.27.0";

  private HelmChart() {
  }

  static Path projectDir() {
    return Path.of(System.getProperty("hyperbyte.project.dir", "..")).toAbsolutePath().normalize();
  }

  static Path chartDir() {
    Path dir = projectDir().resolve("charts/hyperbytedb-operator");
    if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      throw new IllegalStateException("chart not found at " + dir);
    }
    return dir;
  }

  /** {@code helm template hyperbytedb-operator charts/hyperbytedb-operator --namespace hyperbytedb-system --set ...}. */
  static RenderedChart render(Map<String, Object> values) {
    return new RenderedChart(template(values));
  }

  static String template(Map<String, Object> values) {
    return template(RELEASE, NAMESPACE, values);
  }

  /** {@code helm template <release> charts/hyperbytedb-operator --namespace <namespace> --set ...}. */
  static RenderedChart render(String release, String namespace, Map<String, Object> values) {
    return new RenderedChart(template(release, namespace, values));
  }

  private static String template(String release, String namespace, Map<String, Object> values) {
    TemplateCommand template = new Helm(chartDir()).template()
        .withName(release)
        .withNamespace(namespace)
        .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    return template.call();
  }

  /**
   * The plain-YAML bundle {@code dist/install.yaml}: exactly {@code helm template hyperbytedb-operator
   * charts/hyperbytedb-operator --namespace hyperbytedb-system --kube-version 1.27.0 --set
   * createNamespace=true}.
   */
  static String bundle() {
    return template(Map.of("createNamespace", true));
  }

  static Path bundlePath() {
    return projectDir().resolve("dist/install.yaml");
  }

  static LintResult lintStrict() {
    return new Helm(chartDir()).lint().strict().call();
  }
}
