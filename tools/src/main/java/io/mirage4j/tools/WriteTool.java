package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.WorkspaceFs;
import java.nio.charset.StandardCharsets;

/** {@code write}: creates or replaces a file, and the directories above it. */
final class WriteTool {
  private static final Signature SIGNATURE = new Signature("write",
      Parameter.required("path", STRING, "The file to write (absolute, or relative to the session's working directory)."),
      Parameter.required("content", STRING, "The file's whole new content, as UTF-8 text."),
      ShellTool.SESSION);

  private static final String DESCRIPTION =
      "Create a text file in the workspace, or replace its whole content, creating the"
          + " directories above it that are missing. To change part of a file, use edit.";

  private WriteTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, false, (args, session, call) -> {
      String path = Paths.resolve(session, args.string("path"));
      byte[] bytes = args.string("content").getBytes(StandardCharsets.UTF_8);
      return FileTool.guarded("write", () -> {
        WorkspaceFs fs = session.fs();
        boolean existed = fs.exists(path);
        makeParents(fs, PathNames.parent(path));
        fs.write(path, bytes);
        String text = (existed ? "replaced " : "created ") + path + " (" + bytes.length + " bytes)";
        ObjectNode structured = Json.MAPPER.createObjectNode()
            .put("path", path).put("bytes", bytes.length).put("created", !existed);
        return new ToolResult(text, structured, false);
      });
    });
  }

  private static void makeParents(WorkspaceFs fs, String dir) {
    if (dir.equals("/") || fs.exists(dir)) {
      return;
    }
    makeParents(fs, PathNames.parent(dir));
    fs.mkdir(dir);
  }
}
