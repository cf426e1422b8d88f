package cloud.hyperbyte.model.crd;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build-time generator of the three CRDs from the {@code v1alpha1} types: the types are the one
 * source of truth. Run by the build in {@code process-classes}; writes
 * {@code <plural>.<group>-v1.yml} files into the directory given as the only argument, and each
 * CRD's schema as compact JSON beside them ({@code <plural>.<group>-v1.schema.json}).
 */
public final class CrdGenerator {

  /** The custom resource classes whose CRDs are generated. */
  public static final List<Class<? extends HasMetadata>> RESOURCES =
      List.of(HyperbytedbCluster.class, HyperbytedbBackup.class, HyperbytedbRestore.class);

  private CrdGenerator() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CrdGenerator OUTPUT_DIR");
    }
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    new CRDGenerator()
        .inOutputDir(out)
        .forCRDVersions("v1")
        .withPostProcessor(new DeclarationOrderColumns())
        .customResourceClasses(RESOURCES.toArray(Class[]::new))
        .generate();
    for (Class<? extends HasMetadata> resource : RESOURCES) {
      writeCompactSchema(out, HasMetadata.getPlural(resource));
    }
  }

  /**
   * The schema of {@code plural}'s CRD as one line of JSON: a command-line render reads it in a
   * fraction of the time parsing the CRD's YAML takes (a cold YAML parser and 108 KB of text).
   */
  private static void writeCompactSchema(File out, String plural) {
    File crd = new File(out, CrdSchemas.resourceName(plural).substring(CrdSchemas.CLASSPATH_FOLDER.length()));
    File schema = new File(out, CrdSchemas.schemaResourceName(plural).substring(CrdSchemas.CLASSPATH_FOLDER.length()));
    try (InputStream in = new FileInputStream(crd)) {
      Files.writeString(schema.toPath(), CrdSchemas.openApiSchemaNode(in).toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The generator sorts printer columns by JSON path (fabric8io/kubernetes-client#7454); users
   * expect them in the order the class declares them (Replicas, Ready, Phase, ... Age).
   */
  static final class DeclarationOrderColumns implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      String kind = definition.getSpec().getNames().getKind();
      Class<?> type =
          RESOURCES.stream()
              .filter(c -> c.getSimpleName().equals(kind))
              .findFirst()
              .orElseThrow();
      List<String> order =
          Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
        List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
        if (columns != null) {
          columns.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
        }
      }
      return crd;
    }
  }
}
