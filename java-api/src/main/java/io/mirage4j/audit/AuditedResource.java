package io.mirage4j.audit;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.ResourceException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * A mounted {@link Resource} whose reads, listings and changes are each recorded as an {@link
 * AuditEvent.Kind#FILE} event, with the workspace path, the bytes and whether it failed. Looking
 * up an entry ({@code stat}, its permission bits) is not recorded: commands do it for every path
 * they consider. A stream opened with {@link #open} is recorded when it is closed, with the bytes
 * read from it.
 *
 * <pre>{@code
 * Resource watched = new AuditedResource("/data", Resources.inMemory(), new SessionAudit(sink, "s1"));
 * watched.write("/a.txt", bytes); // sink gets FILE "write" of /data/a.txt
 * }</pre>
 */
public final class AuditedResource implements Resource {
  private final String prefix;
  private final Resource inner;
  private final SessionAudit audit;

  /**
   * @param prefix where the resource is mounted, to name workspace paths in events
   * @param inner the resource itself
   * @param audit where its events go
   */
  public AuditedResource(String prefix, Resource inner, SessionAudit audit) {
    this.prefix = prefix;
    this.inner = inner;
    this.audit = audit;
  }

  private String path(String relative) {
    return prefix.equals("/") ? relative : relative.equals("/") ? prefix : prefix + relative;
  }

  private <T> T recorded(String op, List<String> paths, Supplier<T> call, java.util.function.ToLongFunction<T> bytes) {
    long start = System.nanoTime();
    try {
      T result = call.get();
      audit.record(AuditEvent.Kind.FILE, op, paths, 0, start, bytes.applyAsLong(result), null);
      return result;
    } catch (ResourceException e) {
      audit.record(AuditEvent.Kind.FILE, op, paths, 1, start, 0, e.reason().posixMessage());
      throw e;
    }
  }

  private void recorded(String op, List<String> paths, long bytes, Runnable call) {
    recorded(op, paths, () -> {
      call.run();
      return null;
    }, ignored -> bytes);
  }

  @Override
  public FileStat stat(String path) {
    return inner.stat(path);
  }

  @Override
  public List<FileStat> list(String path) {
    return recorded("list", List.of(path(path)), () -> inner.list(path), entries -> 0);
  }

  @Override
  public byte[] read(String path) {
    return recorded("read", List.of(path(path)), () -> inner.read(path), data -> data.length);
  }

  @Override
  public ByteBuffer readBuffer(String path) {
    return recorded("read", List.of(path(path)), () -> inner.readBuffer(path), ByteBuffer::remaining);
  }

  @Override
  public InputStream open(String path) {
    long start = System.nanoTime();
    InputStream in;
    try {
      in = inner.open(path);
    } catch (ResourceException e) {
      audit.record(AuditEvent.Kind.FILE, "open", List.of(path(path)), 1, start, 0, e.reason().posixMessage());
      throw e;
    }
    return new CountingStream(in, List.of(path(path)), start);
  }

  @Override
  public void write(String path, byte[] data) {
    recorded("write", List.of(path(path)), data.length, () -> inner.write(path, data));
  }

  @Override
  public void append(String path, byte[] data) {
    recorded("append", List.of(path(path)), data.length, () -> inner.append(path, data));
  }

  @Override
  public void mkdir(String path) {
    recorded("mkdir", List.of(path(path)), 0, () -> inner.mkdir(path));
  }

  @Override
  public void delete(String path) {
    recorded("delete", List.of(path(path)), 0, () -> inner.delete(path));
  }

  @Override
  public void rename(String from, String to) {
    recorded("rename", List.of(path(from), path(to)), 0, () -> inner.rename(from, to));
  }

  @Override
  public int permissions(String path) {
    return inner.permissions(path);
  }

  @Override
  public void setPermissions(String path, int permissions) {
    recorded("chmod", List.of(path(path)), 0, () -> inner.setPermissions(path, permissions));
  }

  /** A stream that records, once closed, how many bytes were read from it. */
  private final class CountingStream extends FilterInputStream {
    private final List<String> paths;
    private final long start;
    private long count;
    private boolean closed;

    CountingStream(InputStream in, List<String> paths, long start) {
      super(in);
      this.paths = paths;
      this.start = start;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (!closed) {
          closed = true;
          audit.record(AuditEvent.Kind.FILE, "open", paths, 0, start, count, null);
        }
      }
    }
  }
}
