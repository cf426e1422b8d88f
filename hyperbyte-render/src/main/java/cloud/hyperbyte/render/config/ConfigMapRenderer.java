package cloud.hyperbyte.render.config;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** ConfigMap {@code <name>-config} with the key {@code config.toml}. */
public final class ConfigMapRenderer {

  private ConfigMapRenderer() {}

  /** The ConfigMap holding {@code configToml}. */
  public static ConfigMap render(ClusterSpec spec, String configToml) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(ServerPaths.CONFIG_FILE_NAME, configToml);
    return new ConfigMapBuilder()
        .withMetadata(ObjectMetadata.database(spec, ClusterNames.of(spec).configMap()))
        .withData(data)
        .build();
  }
}
