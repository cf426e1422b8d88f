/** config.toml for HyperbyteDB 0.8.5, the keys the server accepts, the config hash and the env that keeps the file authoritative. */
package cloud.hyperbyte.render.config;
