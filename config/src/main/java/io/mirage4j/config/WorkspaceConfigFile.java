package io.mirage4j.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mirage4j.fs.Mode;
import io.mirage4j.permission.PermissionProfile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a workspace configuration file (YAML):
 *
 * <pre>{@code
 * mounts:
 *   /data:
 *     dir: ${HOME}/project     # a host directory, relative to this file; without it, in memory
 *     mode: write              # read | write | exec (default exec)
 *   /scratch: {}
 * env:
 *   GREETING: hello ${USER:-you}
 * cwd: /data
 * limits:
 *   python-timeout: 30        # seconds per python3 call
 *   line-timeout: 60          # seconds per command line, the shell's own commands included
 *   output-limit: 16MiB       # per command line, stdout and stderr each
 * packages: wheels            # a directory of wheels, relative to this file
 * runtime:
 *   interpreters-per-process: 16  # workspaces per Node process (1: a process each)
 * permissions:                # every session's permission profile (PermissionProfile.fromMap)
 *   mounts: {/data: write}
 *   commands: {default: allow, rules: [{deny: rm}]}
 *   functions: {default: allow, ask: [send_mail], deny: [delete]}  # host functions Python calls
 * }</pre>
 *
 * Every value may use {@code ${NAME}} (the host environment variable; an error if it is not set),
 * {@code ${NAME:-default}} (the default when it is unset or empty) and {@code $$} (a {@code $}).
 * All variables that are not set are reported in one error. Unknown keys, and a key given twice
 * in one mapping, are errors, so a typo never passes silently.
 *
 * <pre>{@code
 * WorkspaceConfig config = WorkspaceConfigFile.read(Path.of("workspace.yaml"), System::getenv);
 * }</pre>
 */
public final class WorkspaceConfigFile {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final List<String> TOP_KEYS =
      List.of("mounts", "env", "cwd", "limits", "packages", "runtime", "permissions");
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  private static final List<String> RUNTIME_KEYS = List.of("interpreters-per-process");
  private static final List<String> MOUNT_KEYS = List.of("dir", "mode");
  private static final List<String> LIMIT_KEYS = List.of("python-timeout", "line-timeout", "output-limit");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)");

  private final String name;
  private final Path baseDir;

  private WorkspaceConfigFile(Path file) {
    this.name = file.toString();
    this.baseDir = file.toAbsolutePath().getParent();
  }

  /**
   * The configuration in {@code file}, with variables taken from {@code environment}.
   *
   * @throws ConfigException naming the file and what is wrong in it
   */
  public static WorkspaceConfig read(Path file, Function<String, String> environment) {
    WorkspaceConfigFile reader = new WorkspaceConfigFile(file);
    JsonNode root = reader.parse(file);
    Set<String> missing = new LinkedHashSet<>();
    JsonNode resolved = reader.interpolate(root, new EnvInterpolation(environment, missing));
    if (!missing.isEmpty()) {
      throw reader.error("environment variables not set: " + String.join(", ", missing)
          + " (set them, or write ${NAME:-default})");
    }
    return reader.config(resolved);
  }

  private JsonNode parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
    }
    try {
      JsonNode root = YAML.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        return YAML.createObjectNode();
      }
      if (!root.isObject()) {
        throw error("expected a mapping of " + String.join(", ", TOP_KEYS));
      }
      return root;
    } catch (StreamReadException e) {
      String duplicate = duplicateKey(e);
      if (duplicate != null) {
        throw new ConfigException(name + ": " + duplicate, e);
      }
      throw new ConfigException(name + ": not valid YAML: " + yamlProblem(e), e);
    } catch (JacksonException e) {
      throw new ConfigException(name + ": not valid YAML: " + yamlProblem(e), e);
    }
  }

  /**
   * {@code duplicate key 'mounts./data' at line N} when the parser stopped at a key given twice
   * in one mapping (the later one would silently win), else null.
   */
  private static String duplicateKey(StreamReadException e) {
    JsonParser parser = e.getProcessor();
    if (parser == null || e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field")) {
      return null;
    }
    Deque<String> path = new ArrayDeque<>();
    for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        path.addFirst(c.getCurrentName());
      }
    }
    return "duplicate key '" + String.join(".", path) + "'"
        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr());
  }

  /** The parser's problem on one line: what it found, and where. */
  private static String yamlProblem(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      return marked.getProblem() + " at line " + (marked.getProblemMark().getLine() + 1)
          + ", column " + (marked.getProblemMark().getColumn() + 1);
    }
    return e.getOriginalMessage().lines().findFirst().orElse("")
        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr());
  }

  private JsonNode interpolate(JsonNode node, EnvInterpolation interpolation) {
    if (node.isTextual()) {
      try {
        return YAML.getNodeFactory().textNode(interpolation.apply(node.asText()));
      } catch (ConfigException e) {
        throw error(e.getMessage());
      }
    }
    if (node.isObject()) {
      var copy = YAML.createObjectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey(), interpolate(f.getValue(), interpolation)));
      return copy;
    }
    if (node.isArray()) {
      var copy = YAML.createArrayNode();
      node.forEach(item -> copy.add(interpolate(item, interpolation)));
      return copy;
    }
    return node;
  }

  private WorkspaceConfig config(JsonNode root) {
    checkKeys(root, "", TOP_KEYS);
    JsonNode limits = mapping(root.path("limits"), "limits");
    checkKeys(limits, "limits.", LIMIT_KEYS);
    JsonNode runtime = mapping(root.path("runtime"), "runtime");
    checkKeys(runtime, "runtime.", RUNTIME_KEYS);
    return new WorkspaceConfig(
        mounts(mapping(root.path("mounts"), "mounts")),
        env(mapping(root.path("env"), "env")),
        text(root.path("cwd"), "cwd"),
        timeout(limits.path("python-timeout"), "limits.python-timeout"),
        size(limits.path("output-limit")),
        directory(root.path("packages"), "packages"),
        timeout(limits.path("line-timeout"), "limits.line-timeout"),
        positive(runtime.path("interpreters-per-process"), "runtime.interpreters-per-process"),
        permissions(root.path("permissions")));
  }

  /** The {@code permissions} mapping as a profile ({@link PermissionProfile#fromMap}). */
  private Optional<PermissionProfile> permissions(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw error("permissions: expected a mapping (name, mounts, commands, hide)");
    }
    try {
      return Optional.of(PermissionProfile.fromMap(YAML.convertValue(node, TREE)));
    } catch (IllegalArgumentException e) {
      throw error("permissions: " + e.getMessage().replaceFirst("^permission profile: ", ""));
    }
  }

  private OptionalInt positive(JsonNode node, String key) {
    if (node.isMissingNode() || node.isNull()) {
      return OptionalInt.empty();
    }
    String text = node.asText().strip();
    if (!node.isValueNode() || !text.matches("[1-9][0-9]{0,8}")) {
      throw error(key + ": expected a whole number of 1 or more, got '" + text + "'");
    }
    return OptionalInt.of(Integer.parseInt(text));
  }

  private Map<String, MountConfig> mounts(JsonNode mounts) {
    Map<String, MountConfig> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = mounts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      String key = "mounts." + m.getKey();
      if (!m.getKey().startsWith("/")) {
        throw error(key + ": a mount prefix must be absolute, like /data");
      }
      JsonNode mount = mapping(m.getValue(), key);
      checkKeys(mount, key + ".", MOUNT_KEYS);
      Optional<Path> dir = directory(mount.path("dir"), key + ".dir");
      result.put(m.getKey(), new MountConfig(dir, mode(mount.path("mode"), key + ".mode")));
    }
    return result;
  }

  /** A host directory that must exist, relative to the file's directory. */
  private Optional<Path> directory(JsonNode node, String key) {
    Optional<Path> dir = text(node, key).map(d -> baseDir.resolve(d).normalize());
    dir.filter(d -> !Files.isDirectory(d)).ifPresent(d -> {
      throw error(key + ": not a directory: " + d);
    });
    return dir;
  }

  private Map<String, String> env(JsonNode env) {
    Map<String, String> result = new LinkedHashMap<>();
    env.fields().forEachRemaining(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw error("env." + e.getKey() + ": expected a value, like NAME: value");
      }
      result.put(e.getKey(), e.getValue().asText());
    });
    return result;
  }

  private Mode mode(JsonNode node, String key) {
    Optional<String> value = text(node, key);
    if (value.isEmpty()) {
      return Mode.EXEC;
    }
    try {
      return Mode.valueOf(value.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error(key + ": expected read, write or exec, got '" + value.get() + "'");
    }
  }

  private Optional<Duration> timeout(JsonNode node, String key) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    try {
      BigDecimal seconds = new BigDecimal(node.asText().strip());
      if (seconds.signum() <= 0) {
        throw new NumberFormatException();
      }
      return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValueExact()));
    } catch (NumberFormatException | ArithmeticException e) {
      throw error(key + ": expected a number of seconds above 0, got '" + node.asText() + "'");
    }
  }

  private OptionalLong size(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return OptionalLong.empty();
    }
    Matcher m = SIZE.matcher(node.asText().strip());
    if (!m.matches()) {
      throw error("limits.output-limit: expected bytes, like 1048576 or 16MiB, got '" + node.asText() + "'");
    }
    int shift = switch (m.group(2)) {
      case "KiB" -> 10;
      case "MiB" -> 20;
      case "GiB" -> 30;
      default -> 0;
    };
    try {
      return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift));
    } catch (ArithmeticException | NumberFormatException e) {
      throw error("limits.output-limit: too large: " + node.asText());
    }
  }

  private Optional<String> text(JsonNode node, String key) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      throw error(key + ": expected a single value");
    }
    return Optional.of(node.asText());
  }

  private JsonNode mapping(JsonNode node, String key) {
    if (node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw error(key + ": expected a mapping (key: value lines)");
    }
    return node;
  }

  private void checkKeys(JsonNode node, String path, List<String> allowed) {
    node.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw error("unknown key '" + path + k + "' (expected " + String.join(", ", allowed) + ")");
      }
    });
  }

  private ConfigException error(String message) {
    return new ConfigException(name + ": " + message);
  }
}
