package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.STRING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** {@code glob}: the files whose paths match a pattern. */
final class GlobTool {
  static final int MAX_PATHS = 1000;
  private static final Signature SIGNATURE = new Signature("glob",
      Parameter.required("pattern", STRING,
          "A glob relative to path: * and ? within a name, [abc] a class, ** any number of directories"
              + " (for example **/*.py or src/*.java)."),
      Parameter.optional("path", STRING,
          "The directory to search (absolute, or relative to the session's working directory; default: that directory)."),
      ShellTool.SESSION);

  private static final String DESCRIPTION =
      "Find the files of the workspace whose paths match a glob pattern such as **/*.csv, below"
          + " a directory. Returns absolute paths, one per line, sorted (at most " + MAX_PATHS + ").";

  private GlobTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, true, (args, session, call) -> {
      String root = args.has("path") ? Paths.resolve(session, args.string("path")) : session.cwd();
      String pattern = args.string("pattern");
      if (pattern.startsWith("/")) {
        throw new ToolArgumentException("glob: pattern must be relative to path; give the directory as path");
      }
      GlobMatcher matcher = GlobMatcher.compile(pattern);
      String prefix = root.equals("/") ? "/" : root + "/";
      return FileTool.guarded("glob", () -> {
        List<String> found = new ArrayList<>();
        boolean[] more = {false};
        Walk walk = new Walk(session.fs());
        walk.files(root, file -> {
          String relative = file.path().startsWith(prefix) ? file.path().substring(prefix.length()) : file.path();
          if (matcher.matches(relative)) {
            if (found.size() == MAX_PATHS) {
              more[0] = true;
              return false;
            }
            found.add(file.path());
          }
          return true;
        });
        found.sort(null);
        StringBuilder text = new StringBuilder();
        ArrayNode paths = Json.MAPPER.createArrayNode();
        for (String p : found) {
          text.append(p).append('\n');
          paths.add(p);
        }
        if (found.isEmpty()) {
          text.append("no files match ").append(pattern).append(" below ").append(root).append('\n');
        }
        if (more[0]) {
          text.append("[more than ").append(MAX_PATHS).append(" files match; narrow the pattern]\n");
        }
        if (walk.cut()) {
          text.append("[stopped after looking at ").append(Walk.MAX_ENTRIES).append(" entries; narrow path]\n");
        }
        Capped capped = Capped.of(text.toString(), tools.textLimit());
        ObjectNode structured = Json.MAPPER.createObjectNode().put("truncated", more[0] || walk.cut() || capped.truncated());
        structured.set("paths", paths);
        return new ToolResult(capped.truncated() ? capped.text() + "\n" + capped.notice("paths") + "\n" : capped.text(),
            structured, false);
      });
    });
  }
}
