package io.mirage4j.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.List;
import java.util.Map;

/**
 * URI template matching where {@code file:///{path}} takes a path of any depth ({@code path} may
 * hold slashes, as RFC 6570's reserved expansion would); every other template is matched by the
 * SDK's own manager, whose variables stop at a slash.
 */
final class FileUriTemplates implements McpUriTemplateManagerFactory {
  private final McpUriTemplateManagerFactory sdk = new DefaultMcpUriTemplateManagerFactory();

  @Override
  public McpUriTemplateManager create(String uriTemplate) {
    return FileResources.TEMPLATE.equals(uriTemplate) ? new AnyPath() : sdk.create(uriTemplate);
  }

  private static final class AnyPath implements McpUriTemplateManager {
    @Override
    public List<String> getVariableNames() {
      return List.of("path");
    }

    @Override
    public Map<String, String> extractVariableValues(String uri) {
      return matches(uri) ? Map.of("path", uri.substring(FileResources.SCHEME_PREFIX.length())) : Map.of();
    }

    @Override
    public boolean matches(String uri) {
      return uri != null && uri.startsWith(FileResources.SCHEME_PREFIX) && uri.length() > FileResources.SCHEME_PREFIX.length();
    }

    @Override
    public boolean isUriTemplate(String uri) {
      return true;
    }
  }
}
