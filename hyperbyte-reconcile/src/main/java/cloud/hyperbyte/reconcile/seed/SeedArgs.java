package cloud.hyperbyte.reconcile.seed;

import cloud.hyperbyte.reconcile.pod.StepExit;
import java.util.List;

/**
 * The contract between the seed pods and the operator jar: the arguments of {@code hyperbyte
 * seed-serve} (the source pod's container: serves one backup directory, as a tar, to exactly one
 * client presenting the token, then exits) and {@code hyperbyte seed-fetch} (the target pod's init
 * container: fetches it, verifies the SHA-256 the source sends after the archive, unpacks it).
 *
 * <pre>
 * seed-serve --input DIR [--port N] [--wait-seconds N] [--tls-cert FILE --tls-key FILE]
 * seed-fetch --source HOST:PORT --output DIR [--connect-seconds N] [--tls-ca FILE]
 * env: HYPERBYTE_SEED_TOKEN (from the seed's Secret, key token)
 * </pre>
 *
 * <p>With the TLS options the transfer is TLS 1.3: the source presents the certificate the operator
 * issued for this seed ({@link SeedTlsMaterial}), the target accepts only a certificate signed by the
 * seed's CA, and the token travels inside the TLS session. The operator's pods always carry them
 * ({@link #serveOverTls}, {@link #fetchOverTls}, files at {@link #TLS_MOUNT}); without them the
 * transfer is plain TCP, as pods rendered before TLS expect.
 *
 * <p>Exit codes: 0 done; {@link #EXIT_FAILED}; {@link #EXIT_USAGE}; {@link #EXIT_TRANSIENT} when the
 * other side could not be reached or the connection broke (another attempt may work).
 */
public final class SeedArgs {

  public static final String SERVE = "seed-serve";
  public static final String FETCH = "seed-fetch";
  public static final String INPUT = "--input";
  public static final String OUTPUT = "--output";
  public static final String PORT = "--port";
  public static final String SOURCE = "--source";
  public static final String WAIT_SECONDS = "--wait-seconds";
  public static final String CONNECT_SECONDS = "--connect-seconds";
  /** The source's certificate (PEM; the leaf, optionally followed by its CA). */
  public static final String TLS_CERT = "--tls-cert";
  /** The source's private key (PKCS#8 PEM). */
  public static final String TLS_KEY = "--tls-key";
  /** The only CA the target trusts for the source's certificate (PEM). */
  public static final String TLS_CA = "--tls-ca";
  /** Where the seed Secret's TLS files are mounted (read-only) in both pods. */
  public static final String TLS_MOUNT = "/etc/hyperbyte/seed-tls";
  /** Keys of the seed Secret: the seed CA's certificate, the source's certificate and key. */
  public static final String CA_CERT_KEY = "ca.crt";
  public static final String TLS_CERT_KEY = "tls.crt";
  public static final String TLS_KEY_KEY = "tls.key";
  /** The one-time token both pods read from the seed's Secret. */
  public static final String TOKEN_ENV = "HYPERBYTE_SEED_TOKEN";
  public static final String TOKEN_KEY = "token";
  public static final int DEFAULT_PORT = 7480;
  public static final int EXIT_FAILED = StepExit.FAILED;
  public static final int EXIT_USAGE = StepExit.USAGE;
  public static final int EXIT_TRANSIENT = StepExit.TRANSIENT;

  private SeedArgs() {}

  /** The source container's args. */
  public static List<String> serve(String input, int port, long waitSeconds) {
    return List.of(SERVE, INPUT, input, PORT, Integer.toString(port), WAIT_SECONDS, Long.toString(waitSeconds));
  }

  /** The target init container's args. */
  public static List<String> fetch(String source, String output, long connectSeconds) {
    return List.of(FETCH, SOURCE, source, OUTPUT, output, CONNECT_SECONDS, Long.toString(connectSeconds));
  }

  /** The source container's args, serving over TLS with the files mounted at {@code tlsDir}. */
  public static List<String> serveOverTls(String input, int port, long waitSeconds, String tlsDir) {
    return concat(serve(input, port, waitSeconds),
        List.of(TLS_CERT, tlsDir + "/" + TLS_CERT_KEY, TLS_KEY, tlsDir + "/" + TLS_KEY_KEY));
  }

  /** The target init container's args, fetching over TLS and trusting only the CA mounted at {@code tlsDir}. */
  public static List<String> fetchOverTls(String source, String output, long connectSeconds, String tlsDir) {
    return concat(fetch(source, output, connectSeconds), List.of(TLS_CA, tlsDir + "/" + CA_CERT_KEY));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
