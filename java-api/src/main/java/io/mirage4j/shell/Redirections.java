package io.mirage4j.shell;

import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.ResourceException;
import io.mirage4j.fs.WorkspaceFs;
import io.mirage4j.shell.syntax.Ast;
import io.mirage4j.shell.syntax.Ast.Redirect;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Applies a command's redirections, left to right as bash does, to its three streams. Files are
 * read and written through the workspace's mounts; {@code /dev/null}, {@code /dev/stdin}, {@code
 * /dev/stdout} and {@code /dev/stderr} mean what they mean on Linux.
 */
final class Redirections {
  private Redirections() {}

  /** A redirection that cannot be set up, e.g. {@code 3>&1} or an ambiguous target. */
  static final class RedirectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedirectException(String message) {
      super(message);
    }
  }

  /**
   * The streams after {@code redirects}; sinks opened for files are added to {@code opened} and
   * must be closed when the command ends (that is when their bytes reach the file).
   */
  static Io apply(
      List<Redirect> redirects, Io io, Expander expander, WorkspaceFs fs, String cwd, List<Closeable> opened) {
    InputStream in = io.in();
    OutputStream out = io.out();
    OutputStream err = io.err();
    for (Redirect r : redirects) {
      switch (r.op()) {
        case READ -> in = input(target(r, expander), io, fs, cwd);
        case HEREDOC -> in = bytes(expander.string(r.heredoc().body()));
        case HERE_STRING -> in = bytes(expander.string(r.target()) + "\n");
        case WRITE, APPEND -> {
          OutputStream sink = output(target(r, expander), r.op() == Ast.RedirectOp.APPEND, out, err, fs, cwd, opened);
          if (r.fd() == 1) {
            out = sink;
          } else if (r.fd() == 2) {
            err = sink;
          } else {
            throw badDescriptor(r.fd());
          }
        }
        case WRITE_BOTH, APPEND_BOTH -> {
          OutputStream sink = output(target(r, expander), r.op() == Ast.RedirectOp.APPEND_BOTH, out, err, fs, cwd, opened);
          out = sink;
          err = sink;
        }
        case DUPLICATE -> {
          String to = expander.string(r.target());
          if (r.fd() == 0) {
            if (!to.equals("0")) {
              throw badDescriptor(to);
            }
          } else {
            OutputStream dup = switch (to) {
              case "1" -> out;
              case "2" -> err;
              case "-" -> OutputStream.nullOutputStream();
              default -> throw badDescriptor(to);
            };
            if (r.fd() == 1) {
              out = dup;
            } else if (r.fd() == 2) {
              err = dup;
            } else {
              throw badDescriptor(r.fd());
            }
          }
        }
        default -> throw new IllegalStateException("unknown redirection " + r.op());
      }
    }
    return new Io(in, out, err);
  }

  private static String target(Redirect r, Expander expander) {
    List<String> fields = expander.fields(List.of(r.target()));
    if (fields.size() != 1) {
      throw new RedirectException(expander.string(r.target()) + ": ambiguous redirect");
    }
    return fields.get(0);
  }

  private static InputStream input(String target, Io io, WorkspaceFs fs, String cwd) {
    return switch (target) {
      case "/dev/null" -> bytes("");
      case "/dev/stdin" -> io.in();
      default -> new FileInput(named(PathNames.resolve(cwd, target), fs::read));
    };
  }

  private static OutputStream output(
      String target,
      boolean append,
      OutputStream out,
      OutputStream err,
      WorkspaceFs fs,
      String cwd,
      List<Closeable> opened) {
    switch (target) {
      case "/dev/null":
        return OutputStream.nullOutputStream();
      case "/dev/stdout":
        return out;
      case "/dev/stderr":
        return err;
      default:
        String path = PathNames.resolve(cwd, target);
        FileSink sink = named(path, p -> FileSink.open(fs, p, append));
        opened.add(sink);
        return sink;
    }
  }

  /** Runs {@code op} on {@code path}; a failure names the redirection's target, as bash does. */
  private static <T> T named(String path, Function<String, T> op) {
    try {
      return op.apply(path);
    } catch (ResourceException e) {
      throw e.path().equals(path) ? e : new ResourceException(e.reason(), path, e);
    }
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static RedirectException badDescriptor(Object fd) {
    return new RedirectException(fd + ": Bad file descriptor");
  }
}
