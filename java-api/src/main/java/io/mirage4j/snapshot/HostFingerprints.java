package io.mirage4j.snapshot;

import io.mirage4j.fs.FileStat;
import io.mirage4j.fs.PathNames;
import io.mirage4j.fs.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints of every file of a host directory (size, modification time, SHA-256 of the
 * content), and the comparison of a directory with them. Both read every byte of every file.
 */
final class HostFingerprints {
  private HostFingerprints() {}

  /** The fingerprint of every file under {@code dir}, in order of path. */
  static List<FileFingerprint> of(Resource dir) {
    List<FileFingerprint> prints = new ArrayList<>();
    walk(dir, "/", prints);
    return prints;
  }

  /** How the files under {@code dir} differ from {@code before}, in order of path. */
  static List<HostChange> compare(String prefix, List<FileFingerprint> before, Resource dir) {
    Map<String, FileFingerprint> now = new LinkedHashMap<>();
    for (FileFingerprint f : of(dir)) {
      now.put(f.path(), f);
    }
    List<HostChange> changes = new ArrayList<>();
    for (FileFingerprint old : before) {
      FileFingerprint current = now.remove(old.path());
      if (current == null) {
        changes.add(new HostChange(prefix, old.path(), HostChange.Kind.MISSING));
      } else if (current.size() != old.size() || !current.sha256().equals(old.sha256())) {
        changes.add(new HostChange(prefix, old.path(), HostChange.Kind.CHANGED));
      }
    }
    for (String extra : now.keySet()) {
      changes.add(new HostChange(prefix, extra, HostChange.Kind.EXTRA));
    }
    changes.sort(java.util.Comparator.comparing(HostChange::path));
    return changes;
  }

  /** Every file of {@code before} as missing: the directory itself is gone. */
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

  private static void walk(Resource dir, String path, List<FileFingerprint> prints) {
    for (FileStat st : dir.list(path)) {
      String child = PathNames.child(path, st.name());
      if (st.isDirectory()) {
        walk(dir, child, prints);
      } else {
        prints.add(new FileFingerprint(child, st.size(), st.modified().toString(), sha256(dir, child)));
      }
    }
  }

  private static String sha256(Resource dir, String path) {
    MessageDigest digest = Digests.sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = dir.open(path)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
    }
    return Digests.hex(digest.digest());
  }
}
