package cloud.hyperbyte.reconcile.seed;

import java.util.List;

/**
 * The contract between the seed pods and the operator jar: the arguments of {@code hyperbyte
 * seed-serve} (the source pod's container: serves one backup directory, as a tar, to exactly one
 * client presenting the token, then exits) and {@code hyperbyte seed-fetch} (the target pod's init
 * container: fetches it, verifies the SHA-256 the source sends after the archive, unpacks it).
 *
 * <pre>
 * seed-serve --input DIR [--port N] [--wait-seconds N]
 * seed-fetch --source HOST:PORT --output DIR [--connect-seconds N]
 * env: HYPERBYTE_SEED_TOKEN (from the seed's Secret, key token)
 * </pre>
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
  /** The one-time token both pods read from the seed's Secret. */
  public static final String TOKEN_ENV = "HYPERBYTE_SEED_TOKEN";
  public static final String TOKEN_KEY = "token";
  public static final int DEFAULT_PORT = 7480;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_TRANSIENT = 75;

  private SeedArgs() {}

  /** The source container's args. */
  public static List<String> serve(String input, int port, long waitSeconds) {
    return List.of(SERVE, INPUT, input, PORT, Integer.toString(port), WAIT_SECONDS, Long.toString(waitSeconds));
  }

  /** The target init container's args. */
  public static List<String> fetch(String source, String output, long connectSeconds) {
    return List.of(FETCH, SOURCE, source, OUTPUT, output, CONNECT_SECONDS, Long.toString(connectSeconds));
  }
}
