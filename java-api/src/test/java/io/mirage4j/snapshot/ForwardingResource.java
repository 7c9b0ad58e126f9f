package io.mirage4j.snapshot;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.Resource;
import java.util.List;

/** A resource of the host's own kind, as a snapshot sees it: it forwards to another. */
final class ForwardingResource implements Resource {
  private final Resource inner;

  ForwardingResource(Resource inner) {
    this.inner = inner;
  }

  @Override
  public FileStat stat(String path) {
    return inner.stat(path);
  }

  @Override
  public List<FileStat> list(String path) {
    return inner.list(path);
  }

  @Override
  public byte[] read(String path) {
    return inner.read(path);
  }

  @Override
  public void write(String path, byte[] data) {
    inner.write(path, data);
  }

  @Override
  public void append(String path, byte[] data) {
    inner.append(path, data);
  }

  @Override
  public void mkdir(String path) {
    inner.mkdir(path);
  }

  @Override
  public void delete(String path) {
    inner.delete(path);
  }

  @Override
  public void rename(String from, String to) {
    inner.rename(from, to);
  }
}
