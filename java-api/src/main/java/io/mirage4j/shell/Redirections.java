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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a command's redirections, left to right as bash does, to its three streams. Files are
 * read and written through the workspace's mounts; {@code /dev/null}, {@code /dev/stdin}, {@code
 * /dev/stdout} and {@code /dev/stderr} mean what they mean on Linux.
 */
final class Redirections {
  /** The highest descriptor a redirection may name: bash's single-digit ones. */
  static final int MAX_FD = 9;

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
  static Io apply(List<Redirect> redirects, Io io, Map<Integer, Descriptor> opens, Expander expander, WorkspaceFs fs,
      String cwd, List<Closeable> opened) {
    if (redirects.isEmpty()) {
      return io;
    }
    Descriptor[] fds = new Descriptor[MAX_FD + 1];
    fds[0] = Descriptor.reading(io.in());
    fds[1] = Descriptor.writing(io.out());
    fds[2] = Descriptor.writing(io.err());
    opens.forEach((n, d) -> fds[n] = d);
    io.extra().forEach((n, d) -> fds[n] = d);
    for (Redirect r : redirects) {
      int fd = r.fd();
      if (fd > MAX_FD) {
        throw badDescriptor(fd);
      }
      switch (r.op()) {
        case READ -> fds[fd] = Descriptor.reading(input(target(r, expander), fds, fs, cwd));
        case HEREDOC -> fds[fd] = Descriptor.reading(bytes(expander.string(r.heredoc().body())));
        case HERE_STRING -> fds[fd] = Descriptor.reading(bytes(expander.string(r.target()) + "\n"));
        case WRITE, APPEND -> fds[fd] = Descriptor.writing(
            output(target(r, expander), r.op() == Ast.RedirectOp.APPEND, fds, fs, cwd, opened));
        case READ_WRITE -> fds[fd] = readWrite(target(r, expander), fds, fs, cwd, opened);
        case WRITE_BOTH, APPEND_BOTH -> {
          OutputStream sink = output(target(r, expander), r.op() == Ast.RedirectOp.APPEND_BOTH, fds, fs, cwd, opened);
          fds[1] = Descriptor.writing(sink);
          fds[2] = fds[1];
        }
        case DUPLICATE -> {
          String to = expander.string(r.target());
          if (to.equals("-")) {
            fds[fd] = Descriptor.closed();
          } else {
            String number = to.endsWith("-") ? to.substring(0, to.length() - 1) : to;
            int from = number.matches("[0-9]") ? Integer.parseInt(number) : -1;
            if (from < 0 && !number.matches("[0-9]+")) {
              throw new RedirectException(to + ": ambiguous redirect");
            }
            if (from < 0 || fds[from] == null) {
              throw badDescriptor(number);
            }
            fds[fd] = fds[from];
            if (to.endsWith("-") && from != fd) {
              fds[from] = Descriptor.closed();
            }
          }
        }
        default -> throw new IllegalStateException("unknown redirection " + r.op());
      }
    }
    Map<Integer, Descriptor> extra = new HashMap<>();
    for (int n = 3; n <= MAX_FD; n++) {
      if (fds[n] != null) {
        extra.put(n, fds[n]);
      }
    }
    return new Io(fds[0].in(), fds[1].out(), fds[2].out(), extra);
  }

  /** {@code [n]<> file}: opened for reading and writing, created when missing and never truncated. */
  private static Descriptor readWrite(String target, Descriptor[] fds, WorkspaceFs fs, String cwd, List<Closeable> opened) {
    switch (target) {
      case "/dev/null":
        return new Descriptor(bytes(""), OutputStream.nullOutputStream());
      case "/dev/stdin", "/dev/stdout", "/dev/stderr":
        return new Descriptor(fds[0].in(), target.equals("/dev/stderr") ? fds[2].out() : fds[1].out());
      default:
        String path = PathNames.resolve(cwd, target);
        named(path, p -> {
          if (!fs.exists(p)) {
            fs.write(p, new byte[0]);
          }
          return p;
        });
        byte[] content = named(path, fs::read);
        OverwritingSink sink = new OverwritingSink(fs, path);
        opened.add(sink);
        return new Descriptor(new ByteArrayInputStream(content), sink);
    }
  }

  private static String target(Redirect r, Expander expander) {
    List<String> fields = expander.fields(List.of(r.target()));
    if (fields.size() != 1) {
      throw new RedirectException(expander.string(r.target()) + ": ambiguous redirect");
    }
    return fields.get(0);
  }

  private static InputStream input(String target, Descriptor[] fds, WorkspaceFs fs, String cwd) {
    return switch (target) {
      case "/dev/null" -> bytes("");
      case "/dev/stdin" -> fds[0].in();
      default -> new FileInput(named(PathNames.resolve(cwd, target), fs::read));
    };
  }

  private static OutputStream output(
      String target,
      boolean append,
      Descriptor[] fds,
      WorkspaceFs fs,
      String cwd,
      List<Closeable> opened) {
    switch (target) {
      case "/dev/null":
        return OutputStream.nullOutputStream();
      case "/dev/stdout":
        return fds[1].out();
      case "/dev/stderr":
        return fds[2].out();
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
