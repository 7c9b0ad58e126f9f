package io.mirage4j.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.mirage4j.tools.ToolArgumentException;
import io.mirage4j.tools.ToolCall;
import io.mirage4j.tools.WorkspaceTools;
import io.mirage4j.workspace.Workspace;
import java.util.List;
import java.util.Objects;

/**
 * A workspace's tools as a LangChain4j {@link Tool @Tool} class: {@code shell}, {@code python},
 * {@code read}, {@code write}, {@code edit}, {@code ls}, {@code glob} and {@code grep}, each
 * calling the workspace tool of the same name with the same arguments. Each returns the text the
 * model reads: a failed command's text names its exit code, and arguments the tool refuses (a
 * required one missing, one out of range) come back as a line saying what is wrong, so the agent
 * loop goes on. For results marked as errors, use {@link WorkspaceToolProvider} instead.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .tools(WorkspaceAgentTools.of(ws))
 *     .build();
 * }</pre>
 */
public final class WorkspaceAgentTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SESSION = "Name of a shell session. Calls that name the same session share its"
      + " variables, functions and working directory; leave it out to use the default session.";
  private static final String TIMEOUT = "Time limit in seconds (1 to 3600); past it the command is stopped"
      + " and exits with status 124.";

  private final WorkspaceTools tools;

  public WorkspaceAgentTools(WorkspaceTools tools) {
    this.tools = Objects.requireNonNull(tools, "tools");
  }

  /** The tools of {@code workspace}, with the default text limit. */
  public static WorkspaceAgentTools of(Workspace workspace) {
    return new WorkspaceAgentTools(WorkspaceTools.of(workspace));
  }

  @Tool(name = "shell", value = "Run a bash command line in a sandboxed workspace and get its standard output,"
      + " standard error and exit status. The workspace is a virtual file system of mounts (for example /data);"
      + " python3 runs real CPython. Use it to inspect files, run scripts and chain commands.")
  public String shell(
      @P(name = "command", value = "A bash command line: pipes, redirections, loops, functions and python3 work"
          + " as in bash 5 with GNU coreutils. Only the workspace's mounted files exist; there is no network.")
      String command,
      @P(name = "session", value = SESSION, required = false) String session,
      @P(name = "cwd", value = "Working directory for this command only (absolute, or relative to the session's).",
          required = false) String cwd,
      @P(name = "timeout", value = TIMEOUT, required = false) Integer timeout) {
    return call("shell", args().put("command", command).put("session", session).put("cwd", cwd).put("timeout", timeout));
  }

  @Tool(name = "python", value = "Run Python 3 code (CPython in a sandbox) and get what it prints, its errors"
      + " and its exit status. It sees the workspace's mounted files (open('/data/x.csv')) and the standard"
      + " library. Without a session each run starts as a fresh process; name a session to keep state between"
      + " runs (load data once, then ask questions of it). There is no network and no pip.")
  public String python(
      @P(name = "code", value = "The Python 3 code to run, as the text of a script. print() what you want to see;"
          + " with a session, the value of a final expression is shown too.")
      String code,
      @P(name = "args", value = "Command-line arguments: the program's sys.argv[1:] (not with a session).",
          required = false)
      List<String> args,
      @P(name = "stdin", value = "Text the program reads as its standard input (not with a session).",
          required = false) String stdin,
      @P(name = "session", value = "Name of a session. With it, the code runs in that session's Python namespace,"
          + " like a notebook cell: variables, imports and objects from earlier calls naming the session are still"
          + " there. Without it, each run starts as a fresh process.", required = false) String session,
      @P(name = "cwd", value = "Working directory for this run only (absolute, or relative to the session's;"
          + " not with a session).", required = false) String cwd,
      @P(name = "timeout", value = TIMEOUT, required = false) Integer timeout) {
    return call("python", args().put("code", code).put("args", args).put("stdin", stdin).put("session", session)
        .put("cwd", cwd).put("timeout", timeout));
  }

  @Tool(name = "read", value = "Read a UTF-8 text file of the workspace, whole or a range of its lines (offset,"
      + " limit). A binary file is refused: use the shell (od, base64, python) for it.")
  public String read(
      @P(name = "path", value = "The file to read (absolute, or relative to the session's working directory).")
      String path,
      @P(name = "offset", value = "The first line to read, counting from 1 (default 1).", required = false)
      Integer offset,
      @P(name = "limit", value = "How many lines to read at most.", required = false) Integer limit,
      @P(name = "session", value = SESSION, required = false) String session) {
    return call("read", args().put("path", path).put("offset", offset).put("limit", limit).put("session", session));
  }

  @Tool(name = "write", value = "Create a text file in the workspace, or replace its whole content, creating the"
      + " directories above it that are missing. To change part of a file, use edit.")
  public String write(
      @P(name = "path", value = "The file to write (absolute, or relative to the session's working directory).")
      String path,
      @P(name = "content", value = "The file's whole new content, as UTF-8 text.") String content,
      @P(name = "session", value = SESSION, required = false) String session) {
    return call("write", args().put("path", path).put("content", content).put("session", session));
  }

  @Tool(name = "edit", value = "Change a text file of the workspace by replacing an exact string with another. Read"
      + " the file first; old_string must match it character for character. Fails, changing nothing, when"
      + " old_string is not found or is found more than once (without replace_all).")
  public String edit(
      @P(name = "path", value = "The file to change (absolute, or relative to the session's working directory).")
      String path,
      @P(name = "old_string", value = "The exact text to replace, whitespace and line ends included. It must occur"
          + " exactly once unless replace_all is true: include enough of the lines around it to make it unique.")
      String oldString,
      @P(name = "new_string", value = "The text to put in its place (may be empty, to delete).") String newString,
      @P(name = "replace_all", value = "Replace every occurrence instead of exactly one (default false).",
          required = false) Boolean replaceAll,
      @P(name = "session", value = SESSION, required = false) String session) {
    return call("edit", args().put("path", path).put("old_string", oldString).put("new_string", newString)
        .put("replace_all", replaceAll).put("session", session));
  }

  @Tool(name = "ls", value = "List a directory of the workspace: one entry per line, directories with a trailing"
      + " '/', files with their size in bytes. ls of / shows the mounts.")
  public String ls(
      @P(name = "path", value = "The directory to list (absolute, or relative to the session's working directory;"
          + " default: that directory).", required = false) String path,
      @P(name = "session", value = SESSION, required = false) String session) {
    return call("ls", args().put("path", path).put("session", session));
  }

  @Tool(name = "glob", value = "Find the files of the workspace whose paths match a glob pattern such as **/*.csv,"
      + " below a directory. Returns absolute paths, one per line, sorted.")
  public String glob(
      @P(name = "pattern", value = "A glob relative to path: * and ? within a name, [abc] a class, ** any number of"
          + " directories (for example **/*.py or src/*.java).") String pattern,
      @P(name = "path", value = "The directory to search (absolute, or relative to the session's working directory;"
          + " default: that directory).", required = false) String path,
      @P(name = "session", value = SESSION, required = false) String session) {
    return call("glob", args().put("pattern", pattern).put("path", path).put("session", session));
  }

  @Tool(name = "grep", value = "Search the text files of the workspace for lines that match a regular expression,"
      + " below a directory or in one file. Returns path:line:text per match, in path order.")
  public String grep(
      @P(name = "pattern", value = "A regular expression (Java syntax, close to Perl's) to look for in each line.")
      String pattern,
      @P(name = "path", value = "The file or directory to search (absolute, or relative to the session's working"
          + " directory; default: that directory).", required = false) String path,
      @P(name = "glob", value = "Search only files whose names match this glob (for example *.py).", required = false)
      String glob,
      @P(name = "ignore_case", value = "Match regardless of case (default false).", required = false)
      Boolean ignoreCase,
      @P(name = "max_results", value = "The most matching lines to return (1 to 10000).", required = false)
      Integer maxResults,
      @P(name = "session", value = SESSION, required = false) String session) {
    return call("grep", args().put("pattern", pattern).put("path", path).put("glob", glob)
        .put("ignore_case", ignoreCase).put("max_results", maxResults).put("session", session));
  }

  private String call(String tool, Args args) {
    try {
      return tools.call(tool, args.node, ToolCall.quiet()).text();
    } catch (ToolArgumentException e) {
      return e.getMessage();
    }
  }

  private static Args args() {
    return new Args(JSON.createObjectNode());
  }

  /** The arguments a model gave, without those it left out. */
  private record Args(ObjectNode node) {
    Args put(String name, String value) {
      if (value != null) {
        node.put(name, value);
      }
      return this;
    }

    Args put(String name, Integer value) {
      if (value != null) {
        node.put(name, value);
      }
      return this;
    }

    Args put(String name, Boolean value) {
      if (value != null) {
        node.put(name, value);
      }
      return this;
    }

    Args put(String name, List<String> values) {
      if (values != null) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
      }
      return this;
    }
  }
}
