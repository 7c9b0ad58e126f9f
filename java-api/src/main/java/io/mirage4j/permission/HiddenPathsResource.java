package io.mirage4j.permission;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.Resource;
import io.mirage4j.fs.ResourceException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A resource in which some paths, and everything below them, behave as missing: {@code NOT_FOUND}
 * for every operation on them, left out of listings. Creating something at a hidden path is
 * {@code NOT_FOUND} too, so a hidden file is never replaced.
 */
final class HiddenPathsResource implements Resource {
  private final Resource inner;
  private final List<String> hidden;

  /** @param hidden paths within the resource, normalised */
  HiddenPathsResource(Resource inner, List<String> hidden) {
    this.inner = inner;
    this.hidden = List.copyOf(hidden);
  }

  private String visible(String path) {
    for (String h : hidden) {
      if (PathNames.isWithin(path, h)) {
        throw new ResourceException(ResourceException.Reason.NOT_FOUND, path);
      }
    }
    return path;
  }

  private boolean isHidden(String path) {
    return hidden.stream().anyMatch(h -> PathNames.isWithin(path, h));
  }

  @Override
  public FileStat stat(String path) {
    return inner.stat(visible(path));
  }

  @Override
  public List<FileStat> list(String path) {
    return inner.list(visible(path)).stream().filter(e -> !isHidden(PathNames.child(path, e.name()))).toList();
  }

  @Override
  public byte[] read(String path) {
    return inner.read(visible(path));
  }

  @Override
  public InputStream open(String path) {
    return inner.open(visible(path));
  }

  @Override
  public ByteBuffer readBuffer(String path) {
    return inner.readBuffer(visible(path));
  }

  @Override
  public void write(String path, byte[] data) {
    inner.write(visible(path), data);
  }

  @Override
  public void append(String path, byte[] data) {
    inner.append(visible(path), data);
  }

  @Override
  public void mkdir(String path) {
    inner.mkdir(visible(path));
  }

  @Override
  public void delete(String path) {
    inner.delete(visible(path));
  }

  @Override
  public void rename(String from, String to) {
    inner.rename(visible(from), visible(to));
  }

  @Override
  public int permissions(String path) {
    return inner.permissions(visible(path));
  }

  @Override
  public void setPermissions(String path, int permissions) {
    inner.setPermissions(visible(path), permissions);
  }
}
