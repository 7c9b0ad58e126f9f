package io.mirage4j.mcp;

/** The name and version the server gives in {@code initialize}. */
final class ServerInfo {
  static final String NAME = "mirage4j";

  private ServerInfo() {}

  static String version() {
    String v = ServerInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
