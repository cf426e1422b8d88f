package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.kube.KubernetesJson;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The CRDs generated from the {@code v1alpha1} types at build time, read from the classpath
 * ({@code META-INF/hyperbyte/crds/<plural>.<group>-v1.yml}), and their schemas, which the build
 * also writes as compact JSON ({@code <plural>.<group>-v1.schema.json}).
 */
public final class CrdSchemas {

  /** Classpath folder holding the generated CRDs. */
  public static final String CLASSPATH_FOLDER = "META-INF/hyperbyte/crds/";

  private static final Map<String, CustomResourceDefinition> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, JsonNode> SCHEMA_NODES = new ConcurrentHashMap<>();

  private CrdSchemas() {}

  /** The generated CRD for a plural resource name such as {@code hyperbytedbclusters}. */
  public static CustomResourceDefinition definition(String plural) {
    return CACHE.computeIfAbsent(plural, CrdSchemas::load);
  }

  /** The OpenAPI schema of the single served version of {@code plural}. */
  public static JSONSchemaProps openApiSchema(String plural) {
    return definition(plural).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  /**
   * The same schema as a JSON tree, as the API server reads it (for {@link SchemaPruning},
   * {@link SchemaDefaulting} and {@link SchemaCheck}); shared, so callers must not change it.
   */
  public static JsonNode openApiSchemaNode(String plural) {
    // the compact JSON copy, not the CRD's YAML: parsing that costs a command-line render ~0.1 s
    return SCHEMA_NODES.computeIfAbsent(plural, p -> {
      try (InputStream in = open(schemaResourceName(p))) {
        return TreeNodes.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The {@code openAPIV3Schema} of the CRD read from {@code crd} (YAML or JSON). */
  static JsonNode openApiSchemaNode(InputStream crd) {
    return KubernetesJson.SERIALIZATION.unmarshal(crd, JsonNode.class)
        .path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
  }

  /** The raw YAML of the generated CRD for {@code plural}. */
  public static String yaml(String plural) {
    try (InputStream in = open(resourceName(plural))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Classpath resource name of the generated CRD for {@code plural}. */
  public static String resourceName(String plural) {
    return CLASSPATH_FOLDER + plural + "." + cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster.GROUP + "-v1.yml";
  }

  /** Classpath resource name of the compact JSON copy of {@code plural}'s schema. */
  static String schemaResourceName(String plural) {
    return CLASSPATH_FOLDER + plural + "." + cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster.GROUP + "-v1.schema.json";
  }

  private static CustomResourceDefinition load(String plural) {
    try (InputStream in = open(resourceName(plural))) {
      return KubernetesJson.SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "generated " + resource + " is not on the classpath; build hyperbyte-model first");
    }
    return in;
  }
}
