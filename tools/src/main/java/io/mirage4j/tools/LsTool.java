package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.STRING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.WorkspaceFs;
import java.util.List;

/** {@code ls}: a directory's entries, or one file's. */
final class LsTool {
  private static final Signature SIGNATURE = new Signature("ls",
      Parameter.optional("path", STRING,
          "The directory to list (absolute, or relative to the session's working directory; default: that directory)."),
      ShellTool.SESSION);

  private static final String DESCRIPTION =
      "List a directory of the workspace: one entry per line, directories with a trailing '/',"
          + " files with their size in bytes. ls of / shows the mounts.";

  private LsTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, true, (args, session, call) -> {
      String path = args.has("path") ? Paths.resolve(session, args.string("path")) : session.cwd();
      return FileTool.guarded("ls", () -> {
        WorkspaceFs fs = session.fs();
        FileStat self = fs.stat(path);
        List<FileStat> entries = self.isDirectory() ? fs.list(path) : List.of(new FileStat(PathNames.name(path), self.kind(), self.size(), self.modified()));
        StringBuilder text = new StringBuilder();
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (FileStat e : entries) {
          if (e.isDirectory()) {
            text.append(e.name()).append("/\n");
          } else {
            text.append(e.name()).append("  ").append(e.size()).append(" bytes\n");
          }
          list.addObject().put("name", e.name()).put("kind", e.isDirectory() ? "directory" : "file").put("size", e.size());
        }
        Capped capped = Capped.of(text.toString(), tools.textLimit());
        String shown = capped.truncated() ? capped.text() + "\n" + capped.notice("listing") + "\n" : capped.text();
        ObjectNode structured = Json.MAPPER.createObjectNode().put("path", path);
        structured.set("entries", list);
        return new ToolResult(shown, structured, false);
      });
    });
  }
}
