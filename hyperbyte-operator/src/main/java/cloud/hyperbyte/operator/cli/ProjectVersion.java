package cloud.hyperbyte.operator.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar was built as (its manifest), for {@code --version}. */
final class ProjectVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = ProjectVersion.class.getPackage().getImplementationVersion();
    return new String[] {"hyperbyte " + (version == null ? "(development build)" : version)};
  }
}
