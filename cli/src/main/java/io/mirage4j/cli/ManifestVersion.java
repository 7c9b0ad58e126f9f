package io.mirage4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest by the build. */
final class ManifestVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = MirageCommand.class.getPackage().getImplementationVersion();
    return new String[] {"mirage4j " + (version == null ? "(development build)" : version)};
  }
}
