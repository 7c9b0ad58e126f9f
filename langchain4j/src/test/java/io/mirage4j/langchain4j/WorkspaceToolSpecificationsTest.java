package io.mirage4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.Resources;
import io.mirage4j.tools.WorkspaceTool;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tools as LangChain4j sees them, and their executors, over an in-memory workspace (no python3). */
class WorkspaceToolSpecificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Resource data = Resources.inMemory();
  private final Workspace ws = Workspace.builder().mount("/data", data).build();
  private final WorkspaceTools tools = WorkspaceTools.of(ws);

  @AfterEach
  void close() {
    ws.close();
  }

  private static Map<String, ToolSpecification> byName(List<ToolSpecification> specifications) {
    return specifications.stream().collect(Collectors.toMap(ToolSpecification::name, Function.identity()));
  }

  @Test
  void eachSpecificationCarriesTheToolsSchemaFaithfully() {
    WorkspaceToolProvider provider = new WorkspaceToolProvider(tools);
    Map<String, ToolSpecification> specs = byName(new ArrayList<>(provider.tools().keySet()));
    assertThat(specs).hasSize(8);
    for (WorkspaceTool tool : tools.all()) {
      ToolSpecification spec = specs.get(tool.name());
      ObjectNode schema = tool.inputSchema();
      assertThat(spec.description()).isEqualTo(tool.description());
      JsonObjectSchema parameters = spec.parameters();
      assertThat(parameters.properties().keySet()).containsExactlyElementsOf(names(schema));
      assertThat(new HashSet<>(parameters.required() == null ? List.of() : parameters.required()))
          .isEqualTo(required(schema));
      assertThat(parameters.additionalProperties()).isFalse();
      schema.get("properties").properties().forEach(property -> {
        JsonSchemaElement element = parameters.properties().get(property.getKey());
        assertThat(element).isInstanceOf(switch (property.getValue().get("type").asText()) {
          case "string" -> JsonStringSchema.class;
          case "integer" -> JsonIntegerSchema.class;
          case "boolean" -> JsonBooleanSchema.class;
          case "array" -> JsonArraySchema.class;
          default -> throw new AssertionError(property);
        });
        assertThat(element.description()).startsWith(property.getValue().get("description").asText());
      });
    }
    JsonObjectSchema shell = specs.get("shell").parameters();
    assertThat(shell.properties().get("timeout").description())
        .isEqualTo("Time limit in seconds; past it the command is stopped and exits with status 124."
            + " Minimum 1. Maximum 3600.");
    assertThat(((JsonArraySchema) specs.get("python").parameters().properties().get("args")).items())
        .isInstanceOf(JsonStringSchema.class);
  }

  @Test
  void convertsNumbersEnumsNestedObjectsAndRefusesAnUnknownType() throws Exception {
    JsonObjectSchema converted = ToolSchemas.objectSchema((ObjectNode) JSON.readTree("""
        {"type": "object", "description": "outer",
         "properties": {
           "ratio": {"type": "number", "minimum": 0, "maximum": 1},
           "mode": {"type": "string", "enum": ["fast", "slow"], "description": "How."},
           "point": {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}},
         "required": ["mode"]}"""));
    assertThat(converted.description()).isEqualTo("outer");
    assertThat(converted.required()).containsExactly("mode");
    assertThat(converted.properties().get("ratio")).isInstanceOf(JsonNumberSchema.class);
    assertThat(converted.properties().get("ratio").description()).isEqualTo("Minimum 0. Maximum 1.");
    assertThat(((JsonEnumSchema) converted.properties().get("mode")).enumValues()).containsExactly("fast", "slow");
    JsonObjectSchema point = (JsonObjectSchema) converted.properties().get("point");
    assertThat(point.required()).containsExactly("x");
    assertThat(point.properties().get("x")).isInstanceOf(JsonIntegerSchema.class);

    assertThatThrownBy(() -> ToolSchemas.objectSchema((ObjectNode) JSON.readTree(
        "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"null\"}}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported JSON Schema type \"null\" at /n");
    assertThatThrownBy(() -> ToolSchemas.objectSchema((ObjectNode) JSON.readTree("{\"type\": \"string\"}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theToolClassOffersTheSameToolsWithTheSameParameters() {
    Map<String, ToolSpecification> fromProvider = byName(new ArrayList<>(new WorkspaceToolProvider(tools).tools().keySet()));
    Map<String, ToolSpecification> fromClass = byName(ToolSpecifications.toolSpecificationsFrom(WorkspaceAgentTools.class));
    assertThat(fromClass.keySet()).isEqualTo(fromProvider.keySet());
    fromProvider.forEach((name, expected) -> {
      JsonObjectSchema actual = fromClass.get(name).parameters();
      assertThat(actual.properties().keySet()).as(name).isEqualTo(expected.parameters().properties().keySet());
      assertThat(new HashSet<>(actual.required())).as(name)
          .isEqualTo(new HashSet<>(expected.parameters().required() == null ? List.of() : expected.parameters().required()));
      expected.parameters().properties().forEach((parameter, schema) -> {
        assertThat(actual.properties().get(parameter)).as(name + "." + parameter).isInstanceOf(schema.getClass());
        assertThat(actual.properties().get(parameter).description()).as(name + "." + parameter).isNotBlank();
      });
      assertThat(fromClass.get(name).description()).as(name).hasSizeGreaterThan(40);
    });
  }

  @Test
  void anExecutorGivesTheModelTheResultOrAnErrorTextAndNeverThrows() {
    ToolExecutor write = new WorkspaceToolExecutor(tools.tool("write").orElseThrow());
    ToolExecutor shell = new WorkspaceToolExecutor(tools.tool("shell").orElseThrow());
    ToolExecutor ls = new WorkspaceToolExecutor(tools.tool("ls").orElseThrow());

    ToolExecutionResult made = write.executeWithContext(request("write", "{\"path\": \"/data/a.txt\", \"content\": \"hi\\n\"}"), null);
    assertThat(made.isError()).isFalse();
    assertThat(made.resultText()).isEqualTo("created /data/a.txt (3 bytes)");
    assertThat(new String(data.read("/a.txt"), StandardCharsets.UTF_8)).isEqualTo("hi\n");

    ToolExecutionResult failed = shell.executeWithContext(request("shell", "{\"command\": \"cat /data/nope\"}"), null);
    assertThat(failed.isError()).isTrue();
    assertThat(failed.resultText()).isEqualTo("[stderr]\ncat: /data/nope: No such file or directory\n[exit code 1]\n");

    ToolExecutionResult notJson = shell.executeWithContext(request("shell", "{\"command\": "), null);
    assertThat(notJson.isError()).isTrue();
    assertThat(notJson.resultText()).startsWith("shell: the arguments are not valid JSON: ");

    ToolExecutionResult wrongType = shell.executeWithContext(request("shell", "{\"command\": [\"ls\"]}"), null);
    assertThat(wrongType.isError()).isTrue();
    assertThat(wrongType.resultText()).isEqualTo("shell: argument \"command\" must be a string, not an array");
    assertThat(shell.execute(request("shell", "[1]"), null)).isEqualTo("shell: arguments must be a JSON object, not an array");

    assertThat(ls.execute(request("ls", ""), null)).isEqualTo(ls.execute(request("ls", "{}"), null));
    assertThat(ls.execute(request("ls", "{\"path\": \"/data\"}"), null)).isEqualTo("a.txt  3 bytes\n");
  }

  private static ToolExecutionRequest request(String name, String arguments) {
    return ToolExecutionRequest.builder().id("1").name(name).arguments(arguments).build();
  }

  private static List<String> names(ObjectNode schema) {
    List<String> names = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> required(ObjectNode schema) {
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    return required;
  }
}
