package cloud.hyperbyte.render.config;

import cloud.hyperbyte.render.metadata.ShortHash;

/**
 * The pod-template hash of the server configuration. The server reads config.toml once, so a
 * changed file only takes effect after a restart; putting this hash on the pod template turns
 * every such change into a template change that the operator rolls out member by member.
 *
 * <p>It covers the whole rendered file, {@code [cluster] enabled} included (unlike the Go
 * operator): pod 0 must restart with clustering on before another member can join. Replica changes
 * within cluster mode leave the file, and so the hash, unchanged. Everything else a restart needs
 * (image, env, mounts, resources) is in the pod template itself.
 */
public final class ConfigHash {

  /** Hex characters kept: 64 bits, as the Go operator. */
  public static final int LENGTH = ShortHash.LENGTH;

  private ConfigHash() {}

  /** First {@link #LENGTH} hex characters of the SHA-256 of {@code configToml}. */
  public static String of(String configToml) {
    return ShortHash.of(configToml);
  }
}
