package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.BOOLEAN;
import static io.mirage4j.tools.Parameter.Type.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.WorkspaceFs;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code edit}: replaces an exact string in a text file. */
final class EditTool {
  private static final Signature SIGNATURE = new Signature("edit",
      Parameter.required("path", STRING, "The file to change (absolute, or relative to the session's working directory)."),
      Parameter.required("old_string", STRING,
          "The exact text to replace, whitespace and line ends included. It must occur exactly once"
              + " unless replace_all is true: include enough of the lines around it to make it unique."),
      Parameter.required("new_string", STRING, "The text to put in its place (may be empty, to delete)."),
      Parameter.optional("replace_all", BOOLEAN, "Replace every occurrence instead of exactly one (default false)."),
      ShellTool.SESSION);

  private static final String DESCRIPTION =
      "Change a text file of the workspace by replacing an exact string with another. Read the"
          + " file first; old_string must match it character for character. Fails, changing nothing,"
          + " when old_string is not found or is found more than once (without replace_all).";

  private EditTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, false, (args, session, call) -> {
      String path = Paths.resolve(session, args.string("path"));
      String old = args.string("old_string");
      String replacement = args.string("new_string");
      boolean all = args.bool("replace_all", false);
      if (old.isEmpty()) {
        throw new ToolArgumentException("edit: old_string must not be empty (to create a file, use write)");
      }
      if (old.equals(replacement)) {
        throw new ToolArgumentException("edit: old_string and new_string are the same: nothing would change");
      }
      return FileTool.guarded("edit", () -> {
        WorkspaceFs fs = session.fs();
        Optional<String> text = FileTool.text(fs.read(path));
        if (text.isEmpty()) {
          return FileTool.failure("edit: " + path + ": binary file; only UTF-8 text files can be edited");
        }
        String content = text.get();
        int count = occurrences(content, old);
        if (count == 0) {
          return FileTool.failure("edit: " + path + ": old_string not found; read the file and copy the text exactly");
        }
        if (count > 1 && !all) {
          return FileTool.failure("edit: " + path + ": old_string occurs " + count
              + " times; add the lines around it to make it unique, or set replace_all");
        }
        String changed = all ? content.replace(old, replacement) : replaceOnce(content, old, replacement);
        fs.write(path, changed.getBytes(StandardCharsets.UTF_8));
        String message = "replaced " + count + (count == 1 ? " occurrence" : " occurrences") + " in " + path;
        ObjectNode structured = Json.MAPPER.createObjectNode().put("path", path).put("replacements", count);
        return new ToolResult(message, structured, false);
      });
    });
  }

  private static int occurrences(String content, String old) {
    int count = 0;
    for (int at = content.indexOf(old); at >= 0; at = content.indexOf(old, at + old.length())) {
      count++;
    }
    return count;
  }

  private static String replaceOnce(String content, String old, String replacement) {
    int at = content.indexOf(old);
    return content.substring(0, at) + replacement + content.substring(at + old.length());
  }
}
