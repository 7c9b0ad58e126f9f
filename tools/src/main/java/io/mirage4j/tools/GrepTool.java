package io.mirage4j.tools;

import static io.mirage4j.tools.Parameter.Type.BOOLEAN;
import static io.mirage4j.tools.Parameter.Type.INTEGER;
import static io.mirage4j.tools.Parameter.Type.STRING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code grep}: the lines of text files that match a regular expression. */
final class GrepTool {
  static final int DEFAULT_MATCHES = 200;
  /** Files larger than this are passed over: a search reads each file it looks at whole. */
  static final long MAX_FILE_BYTES = 16L << 20;
  private static final int MAX_LINE = 500;
  private static final Signature SIGNATURE = new Signature("grep",
      Parameter.required("pattern", STRING, "A regular expression (Java syntax, close to Perl's) to look for in each line."),
      Parameter.optional("path", STRING,
          "The file or directory to search (absolute, or relative to the session's working directory; default: that directory)."),
      Parameter.optional("glob", STRING, "Search only files whose names match this glob (for example *.py)."),
      Parameter.optional("ignore_case", BOOLEAN, "Match regardless of case (default false)."),
      Parameter.optional("max_results", INTEGER, "The most matching lines to return (default " + DEFAULT_MATCHES + ").")
          .range(1, 10_000),
      ShellTool.SESSION);

  private static final String DESCRIPTION =
      "Search the text files of the workspace for lines that match a regular expression, below a"
          + " directory or in one file. Returns path:line:text per match, in path order; binary files"
          + " and files over 16 MiB are passed over.";

  private GrepTool() {}

  static WorkspaceTool create(WorkspaceTools tools) {
    return new DefinedTool(tools, DESCRIPTION, SIGNATURE, true, (args, session, call) -> {
      String root = args.has("path") ? Paths.resolve(session, args.string("path")) : session.cwd();
      Pattern pattern;
      try {
        pattern = Pattern.compile(args.string("pattern"), args.bool("ignore_case", false)
            ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
      } catch (PatternSyntaxException e) {
        throw new ToolArgumentException("grep: invalid pattern: " + e.getDescription() + " near index " + e.getIndex());
      }
      GlobMatcher names = args.has("glob") ? GlobMatcher.compile(args.string("glob")) : null;
      int max = (int) args.integer("max_results", DEFAULT_MATCHES);
      return FileTool.guarded("grep", () -> search(tools, session.fs(), root, pattern, names, max));
    });
  }

  private static ToolResult search(WorkspaceTools tools, WorkspaceFs fs, String root, Pattern pattern, GlobMatcher names, int max) {
    List<String> paths = new ArrayList<>();
    Walk walk = new Walk(fs);
    walk.files(root, file -> {
      if ((names == null || names.matches(PathNames.name(file.path()))) && file.stat().size() <= MAX_FILE_BYTES) {
        paths.add(file.path());
      }
      return true;
    });
    paths.sort(null);
    StringBuilder text = new StringBuilder();
    ArrayNode matches = Json.MAPPER.createArrayNode();
    boolean more = false;
    outer:
    for (String path : paths) {
      Optional<String> content;
      try {
        content = FileTool.text(fs.read(path));
      } catch (ResourceException e) {
        continue;
      }
      if (content.isEmpty()) {
        continue;
      }
      String[] lines = content.get().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = pattern.matcher(lines[i]);
        if (!m.find()) {
          continue;
        }
        if (matches.size() == max) {
          more = true;
          break outer;
        }
        String line = lines[i].length() > MAX_LINE ? lines[i].substring(0, MAX_LINE) + "..." : lines[i];
        text.append(path).append(':').append(i + 1).append(':').append(line).append('\n');
        matches.addObject().put("path", path).put("line", i + 1).put("text", line);
      }
    }
    if (matches.isEmpty()) {
      text.append("no lines match below ").append(root).append('\n');
    }
    if (more) {
      text.append("[more than ").append(max).append(" lines match; narrow the search or raise max_results]\n");
    }
    if (walk.cut()) {
      text.append("[stopped after looking at ").append(Walk.MAX_ENTRIES).append(" entries; narrow path]\n");
    }
    Capped capped = Capped.of(text.toString(), tools.textLimit());
    ObjectNode structured = Json.MAPPER.createObjectNode().put("truncated", more || walk.cut() || capped.truncated());
    structured.set("matches", matches);
    return new ToolResult(capped.truncated() ? capped.text() + "\n" + capped.notice("matches") + "\n" : capped.text(),
        structured, false);
  }
}
