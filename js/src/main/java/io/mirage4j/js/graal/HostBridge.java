package io.mirage4j.js.graal;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.js.JsOutput;
import io.mirage4j.js.JsRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The only host object a program's context holds (reachable from the prelude's closures only): its
 * output, its exit, and file operations on the session's view of the mounts. Bytes cross as strings
 * of chars 0-255; a file operation answers {@code +payload} or {@code !CODE} (a Node error code).
 *
 * <pre>{@code
 * HostBridge bridge = new HostBridge(run, configJson, files, stdin, output, stop, () -> context.eval(urlSource));
 * }</pre>
 */
public final class HostBridge {
  private final JsRun run;
  private final WorkspaceFs files;
  private final InputStream stdin;
  private final JsOutput output;
  private final Runnable stop;
  private final Supplier<Value> urlBundle;
  private final String configJson;
  private long stdoutBytes;
  private long stderrBytes;
  private volatile boolean exited;
  private volatile int exitCode;
  private volatile boolean overflowed;
  private volatile IOException failure;

  /**
   * @param stop called when the program must stop at once: it exited, its output overflowed, or
   *     could not be written
   * @param urlBundle evaluates the URL bundle in the program's context; called at its first use
   */
  HostBridge(JsRun run, String configJson, WorkspaceFs files, InputStream stdin, JsOutput output, Runnable stop,
      Supplier<Value> urlBundle) {
    this.run = run;
    this.configJson = configJson;
    this.files = files;
    this.stdin = stdin;
    this.output = output;
    this.stop = stop;
    this.urlBundle = urlBundle;
  }

  boolean exited() {
    return exited;
  }

  int exitCode() {
    return exitCode;
  }

  boolean overflowed() {
    return overflowed;
  }

  IOException failure() {
    return failure;
  }

  /** The function that makes URL and URLSearchParams (whatwg-url, bundled), evaluated in the program's context. */
  @HostAccess.Export
  public Value urlBundle() {
    return urlBundle.get();
  }

  @HostAccess.Export
  public String config() {
    return configJson;
  }

  @HostAccess.Export
  public void exit(int code) {
    if (!exited) {
      exitCode = code & 0xFF;
      exited = true;
      // a program that catches the exit does not get to run on
      stop.run();
    }
  }

  @HostAccess.Export
  public void write(int fd, String text) {
    if (exited || overflowed || failure != null) {
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (fd == 2) {
        stderrBytes += bytes.length;
        output.stderr(bytes);
      } else {
        stdoutBytes += bytes.length;
        output.stdout(bytes);
      }
    } catch (IOException e) {
      failure = e;
      stop.run();
      return;
    }
    if (stdoutBytes > run.outputLimit() || stderrBytes > run.outputLimit()) {
      overflowed = true;
      stop.run();
    }
  }

  @HostAccess.Export
  public String utf8Encode(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  @HostAccess.Export
  public String utf8Decode(String binary) {
    return new String(binary.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  @HostAccess.Export
  public String base64Encode(String binary) {
    return Base64.getEncoder().encodeToString(binary.getBytes(StandardCharsets.ISO_8859_1));
  }

  @HostAccess.Export
  public String base64Decode(String text) {
    return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.ISO_8859_1);
  }

  @HostAccess.Export
  public String readStdin() {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private String resolve(String path) {
    return PathNames.resolve(run.cwd(), path);
  }

  @HostAccess.Export
  public String readFile(String path) {
    try {
      return "+" + new String(files.read(resolve(path)), StandardCharsets.ISO_8859_1);
    } catch (ResourceException e) {
      return code(e);
    }
  }

  @HostAccess.Export
  public String writeFile(String path, String binary, boolean append) {
    try {
      byte[] bytes = binary.getBytes(StandardCharsets.ISO_8859_1);
      if (append && files.exists(resolve(path))) {
        files.append(resolve(path), bytes);
      } else {
        files.write(resolve(path), bytes);
      }
      return "+";
    } catch (ResourceException e) {
      return code(e);
    }
  }

  @HostAccess.Export
  public boolean exists(String path) {
    try {
      return files.exists(resolve(path));
    } catch (ResourceException e) {
      return false;
    }
  }

  @HostAccess.Export
  public String readdir(String path) {
    try {
      String p = resolve(path);
      if (!files.stat(p).isDirectory()) {
        return "!ENOTDIR";
      }
      List<String> names = new ArrayList<>();
      for (FileStat entry : files.list(p)) {
        names.add((entry.isDirectory() ? "d" : "f") + entry.name());
      }
      names.sort((a, b) -> a.substring(1).compareTo(b.substring(1)));
      return "+" + String.join("\u0000", names);
    } catch (ResourceException e) {
      return code(e);
    }
  }

  @HostAccess.Export
  public String stat(String path) {
    try {
      FileStat stat = files.stat(resolve(path));
      long mtime = stat.modified() == null ? 0 : stat.modified().toEpochMilli();
      return "+" + (stat.isDirectory() ? "d" : "f") + "\u0000" + (stat.isDirectory() ? 4096 : stat.size()) + "\u0000" + mtime;
    } catch (ResourceException e) {
      return code(e);
    }
  }

  /** Makes a directory; with {@code recursive} its missing parents too, answering the first one made. */
  @HostAccess.Export
  public String mkdir(String path, boolean recursive) {
    String p = resolve(path);
    try {
      if (!recursive) {
        files.mkdir(p);
        return "+";
      }
      List<String> missing = new ArrayList<>();
      for (String at = p; !files.exists(at); at = PathNames.parent(at)) {
        missing.add(0, at);
        if (at.equals("/")) {
          break;
        }
      }
      if (missing.isEmpty() && !files.stat(p).isDirectory()) {
        return "!EEXIST";
      }
      for (String dir : missing) {
        files.mkdir(dir);
      }
      return "+" + (missing.isEmpty() ? "" : missing.get(0));
    } catch (ResourceException e) {
      return code(e);
    }
  }

  @HostAccess.Export
  public String rm(String path, boolean recursive, boolean force) {
    String p = resolve(path);
    try {
      if (!files.exists(p)) {
        return force ? "+" : "!ENOENT";
      }
      if (files.stat(p).isDirectory() && !recursive) {
        return "!EISDIR";
      }
      delete(p);
      return "+";
    } catch (ResourceException e) {
      return code(e);
    }
  }

  private void delete(String path) {
    if (files.stat(path).isDirectory()) {
      for (FileStat entry : files.list(path)) {
        delete((path.equals("/") ? "" : path) + "/" + entry.name());
      }
    }
    files.delete(path);
  }

  @HostAccess.Export
  public String rename(String from, String to) {
    try {
      files.rename(resolve(from), resolve(to));
      return "+";
    } catch (ResourceException e) {
      return code(e);
    }
  }

  private static final Map<ResourceException.Reason, String> CODES = Map.ofEntries(
      Map.entry(ResourceException.Reason.NOT_FOUND, "ENOENT"),
      Map.entry(ResourceException.Reason.NOT_A_DIRECTORY, "ENOTDIR"),
      Map.entry(ResourceException.Reason.IS_A_DIRECTORY, "EISDIR"),
      Map.entry(ResourceException.Reason.ALREADY_EXISTS, "EEXIST"),
      Map.entry(ResourceException.Reason.NOT_EMPTY, "ENOTEMPTY"),
      Map.entry(ResourceException.Reason.READ_ONLY, "EROFS"),
      Map.entry(ResourceException.Reason.CROSS_DEVICE, "EXDEV"),
      Map.entry(ResourceException.Reason.PERMISSION_DENIED, "EACCES"),
      Map.entry(ResourceException.Reason.BUSY, "EBUSY"),
      Map.entry(ResourceException.Reason.NO_SPACE, "ENOSPC"),
      Map.entry(ResourceException.Reason.NAME_TOO_LONG, "ENAMETOOLONG"),
      Map.entry(ResourceException.Reason.INVALID_NAME, "EILSEQ"),
      Map.entry(ResourceException.Reason.IO_ERROR, "EIO"));

  private static String code(ResourceException e) {
    return "!" + CODES.getOrDefault(e.reason(), "EIO");
  }
}
