package io.mirage4j.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints of every entry of a host directory, and the comparison of a directory with them.
 * The walk never follows a symbolic link (a link is noted by its target, so it cannot loop or lead
 * outside), opens files without following links, and reads every byte of every regular file once;
 * special files (pipes, sockets, devices) are noted, never opened.
 */
final class HostFingerprints {
  private HostFingerprints() {}

  /** The fingerprint of every entry under {@code root}, in order of path. */
  static List<FileFingerprint> of(Path root) throws IOException {
    List<FileFingerprint> prints = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String path = "/" + root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        String modified = attrs.lastModifiedTime().toInstant().toString();
        if (attrs.isSymbolicLink()) {
          byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
          prints.add(new FileFingerprint(path, "link", 0, modified, Digests.hex(Digests.sha256().digest(target))));
        } else if (attrs.isRegularFile()) {
          prints.add(new FileFingerprint(path, "file", attrs.size(), modified, sha256(file)));
        } else {
          prints.add(new FileFingerprint(path, "other", 0, modified, ""));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    prints.sort(Comparator.comparing(FileFingerprint::path));
    return prints;
  }

  /** How the entries under {@code root} differ from {@code before}, in order of path. */
  static List<HostChange> compare(String prefix, List<FileFingerprint> before, Path root) throws IOException {
    Map<String, FileFingerprint> now = new LinkedHashMap<>();
    for (FileFingerprint f : of(root)) {
      now.put(f.path(), f);
    }
    List<HostChange> changes = new ArrayList<>();
    for (FileFingerprint old : before) {
      FileFingerprint current = now.remove(old.path());
      if (current == null) {
        changes.add(new HostChange(prefix, old.path(), HostChange.Kind.MISSING));
      } else if (!current.kind().equals(old.kind()) || current.size() != old.size() || !current.sha256().equals(old.sha256())) {
        changes.add(new HostChange(prefix, old.path(), HostChange.Kind.CHANGED));
      }
    }
    for (String extra : now.keySet()) {
      changes.add(new HostChange(prefix, extra, HostChange.Kind.EXTRA));
    }
    changes.sort(Comparator.comparing(HostChange::path));
    return changes;
  }

  /** Every entry of {@code before} as missing: the directory itself is gone. */
  static List<HostChange> allMissing(String prefix, List<FileFingerprint> before) {
    List<HostChange> changes = new ArrayList<>();
    if (before.isEmpty()) {
      changes.add(new HostChange(prefix, "/", HostChange.Kind.MISSING));
    }
    for (FileFingerprint f : before) {
      changes.add(new HostChange(prefix, f.path(), HostChange.Kind.MISSING));
    }
    return changes;
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = Digests.sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return Digests.hex(digest.digest());
  }
}
