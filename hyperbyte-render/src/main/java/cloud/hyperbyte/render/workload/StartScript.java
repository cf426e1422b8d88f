package cloud.hyperbyte.render.workload;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.config.ServerEnvironment;
import cloud.hyperbyte.render.config.ServerPaths;
import cloud.hyperbyte.render.tls.TlsSecretSource;
import cloud.hyperbyte.render.topology.MemberTopology;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database container's command. The server has no ordinal discovery, so each pod derives its
 * node id and stable cluster address from its own hostname ({@code <name>-<ordinal>}) and passes
 * them as env, which beats config.toml. No init container and no extra image is needed: the
 * server image ships {@code /bin/sh}. The script is the same for every pod and for any replica
 * count, so scaling does not change the pod template.
 */
public final class StartScript {

  public static final String SERVER_BINARY = "hyperbytedb";
  /**
   * The headless Service's DNS name, handed to the script as env: values reach the shell only as
   * quoted variable expansions, never pasted into its text. Not under the server's
   * {@code HYPERBYTEDB__} prefix, whose unknown keys stop the server.
   */
  public static final String MEMBER_DOMAIN_ENV = "HYPERBYTE_MEMBER_DOMAIN";
  /** The server port, as env for the same reason. */
  public static final String MEMBER_PORT_ENV = "HYPERBYTE_MEMBER_PORT";

  private StartScript() {}

  /** {@code ["/bin/sh", "-c", script]}. */
  public static List<String> command(ClusterSpec spec) {
    return List.of("/bin/sh", "-c", script(spec));
  }

  /** The variables the script reads, in a fixed order: {@link #MEMBER_DOMAIN_ENV}, {@link #MEMBER_PORT_ENV}. */
  public static Map<String, String> environment(ClusterSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(MEMBER_DOMAIN_ENV, MemberTopology.of(spec).headlessServiceFqdn());
    env.put(MEMBER_PORT_ENV, Integer.toString(spec.server().port()));
    return Collections.unmodifiableMap(env);
  }

  /** The script text: constant for a given TLS layout, whatever the names, namespace or domain. */
  public static String script(ClusterSpec spec) {
    StringBuilder script = new StringBuilder();
    script.append("set -e\n");
    script.append("ORDINAL=\"${HOSTNAME##*-}\"\n");
    script.append("export ").append(ServerEnvironment.NODE_ID).append("=\"$((ORDINAL + 1))\"\n");
    script.append("export ").append(ServerEnvironment.CLUSTER_ADDR).append("=\"${HOSTNAME}.${")
        .append(MEMBER_DOMAIN_ENV).append("}:${").append(MEMBER_PORT_ENV).append("}\"\n");
    if (TlsSecretSource.perMemberFiles(spec)) {
      script.append("export ").append(ServerEnvironment.TLS_CERT_PATH).append("=\"")
          .append(ServerPaths.nodeCertFile("${ORDINAL}")).append("\"\n");
      script.append("export ").append(ServerEnvironment.TLS_KEY_PATH).append("=\"")
          .append(ServerPaths.nodeKeyFile("${ORDINAL}")).append("\"\n");
    }
    // --config is a top-level argument of the server CLI and must precede the subcommand.
    script.append("exec ").append(SERVER_BINARY).append(" --config ").append(ServerPaths.CONFIG_FILE).append(" serve\n");
    return script.toString();
  }
}
