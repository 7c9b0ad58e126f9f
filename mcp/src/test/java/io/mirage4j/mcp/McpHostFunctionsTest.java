package io.mirage4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirage4j.function.ArgumentSchema;
import org.junit.jupiter.api.Test;

class McpHostFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void toolNamesBecomePythonNames() {
    assertThat(McpHostFunctions.pythonName("search")).isEqualTo("search");
    assertThat(McpHostFunctions.pythonName("github.search-issues")).isEqualTo("github_search_issues");
    assertThat(McpHostFunctions.pythonName("2fa")).isEqualTo("_2fa");
    assertThat(McpHostFunctions.pythonName("import")).isEqualTo("import_");
  }

  @Test
  void aToolsSchemaKeepsWhatPythonChecksAndDropsTheRest() throws Exception {
    var input = JSON.readTree("""
        {"type": "object", "$schema": "https://json-schema.org/draft/2020-12/schema",
         "properties": {
           "query": {"type": "string", "pattern": "^[a-z]+$", "minLength": 1},
           "when": {"anyOf": [{"type": "string"}, {"type": "null"}]},
           "max-results": {"type": "integer"},
           "tags": {"type": "array", "items": {"type": "string", "format": "uri"}}},
         "required": ["query", "max-results"]}""");
    var schema = McpHostFunctions.schema(input);
    assertThat(schema).isEqualTo(JSON.readTree("""
        {"type": "object",
         "properties": {
           "query": {"type": "string", "minLength": 1},
           "when": {},
           "tags": {"type": "array", "items": {"type": "string"}}},
         "required": ["query"]}"""));
    ArgumentSchema.check(schema);
  }
}
