package cloud.hyperbyte.tls.bench;

import cloud.hyperbyte.tls.NodeDnsNames;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Not a test: times CA creation and node certificate issuing (key generation included) per key
 * algorithm. Arguments: {@code [warmup] [repetitions]}, default 3 and 10. Run with
 *
 * <pre>
 * mvn -B -q -pl hyperbyte-tls test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=cloud.hyperbyte.tls.bench.CertificateGenerationBenchmark
 * </pre>
 */
public final class CertificateGenerationBenchmark {

  private static final List<String> NAMES =
      NodeDnsNames.forNode("hb", "prod", "cluster.local", 0, true);

  private CertificateGenerationBenchmark() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    CertificateAuthorityFactory factory = new CertificateAuthorityFactory(clock, random);
    System.out.printf(
        "%-9s %-5s %10s %10s %10s   (ms, %d warm-up, %d runs, %s)%n",
        "algorithm", "op", "mean", "median", "max", warmup, repetitions,
        System.getProperty("java.vm.version"));
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      Supplier<CertificateAuthority> createCa =
          () -> factory.create("bench-ca", algorithm, CertificateAuthorityFactory.DEFAULT_VALIDITY);
      report(algorithm, "ca", measure(createCa, warmup, repetitions));
      NodeCertificateIssuer issuer = new NodeCertificateIssuer(createCa.get(), clock, random);
      report(
          algorithm,
          "node",
          measure(
              () -> issuer.issue(NAMES, algorithm, NodeCertificateIssuer.DEFAULT_VALIDITY),
              warmup,
              repetitions));
    }
  }

  private static double[] measure(Supplier<?> operation, int warmup, int repetitions) {
    Object sink = null;
    for (int i = 0; i < warmup; i++) {
      sink = operation.get();
    }
    double[] millis = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      sink = operation.get();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    if (sink == null) {
      throw new IllegalStateException("operation returned nothing");
    }
    return millis;
  }

  private static void report(KeyAlgorithm algorithm, String operation, double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    System.out.printf(
        Locale.ROOT,
        "%-9s %-5s %10.2f %10.2f %10.2f%n",
        algorithm,
        operation,
        Arrays.stream(millis).average().orElse(0),
        median,
        sorted[n - 1]);
  }
}
