package cloud.hyperbyte.render.workload;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.config.ServerEnvironment;
import cloud.hyperbyte.render.config.ServerPaths;
import cloud.hyperbyte.render.tls.TlsSecretSource;
import cloud.hyperbyte.render.topology.MemberTopology;
import java.util.List;

/**
 * The database container's command. The server has no ordinal discovery, so each pod derives its
 * node id and stable cluster address from its own hostname ({@code <name>-<ordinal>}) and passes
 * them as env, which beats config.toml. No init container and no extra image is needed: the
 * server image ships {@code /bin/sh}. The script is the same for every pod and for any replica
 * count, so scaling does not change the pod template.
 */
public final class StartScript {

  public static final String SERVER_BINARY = "hyperbytedb";

  private StartScript() {}

  /** {@code ["/bin/sh", "-c", script]}. */
  public static List<String> command(ClusterSpec spec) {
    return List.of("/bin/sh", "-c", script(spec));
  }

  /** The script text. */
  public static String script(ClusterSpec spec) {
    MemberTopology topology = MemberTopology.of(spec);
    StringBuilder script = new StringBuilder();
    script.append("set -e\n");
    script.append("ORDINAL=\"${HOSTNAME##*-}\"\n");
    script.append("export ").append(ServerEnvironment.NODE_ID).append("=\"$((ORDINAL + 1))\"\n");
    script.append("export ").append(ServerEnvironment.CLUSTER_ADDR).append("=\"${HOSTNAME}.")
        .append(topology.headlessServiceFqdn()).append(':').append(spec.server().port()).append("\"\n");
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
