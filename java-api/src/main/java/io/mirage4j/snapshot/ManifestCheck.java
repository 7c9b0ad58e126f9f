package io.mirage4j.snapshot;

import io.mirage4j.fs.Mode;
import io.mirage4j.fs.PathNames;
import java.util.HashSet;
import java.util.Set;

/** Checks a manifest before anything else is read: format, version, part kinds, mount table. */
final class ManifestCheck {
  private ManifestCheck() {}

  static Manifest checked(Manifest m) throws ArchiveException {
    if (!Manifest.FORMAT.equals(m.format())) {
      throw new ArchiveException("not a workspace archive: its manifest's format is " + m.format() + ", not " + Manifest.FORMAT);
    }
    if (m.version() != Manifest.VERSION) {
      throw new ArchiveException("workspace archive of format version " + m.version() + ": this mirage4j reads version "
          + Manifest.VERSION + (m.version() > Manifest.VERSION ? "; restore it with a newer mirage4j" : ""));
    }
    if (m.env() == null || m.cwd() == null || m.mounts() == null || m.parts() == null || m.omitted() == null
        || !m.cwd().startsWith("/")) {
      throw new ArchiveException("workspace archive corrupt: its manifest lacks a field");
    }
    Set<String> prefixes = new HashSet<>();
    for (Manifest.MountRecord mount : m.mounts()) {
      if (mount.prefix() == null || !mount.prefix().startsWith("/") || !PathNames.normalize(mount.prefix()).equals(mount.prefix())
          || !prefixes.add(mount.prefix()) || !isMode(mount.mode())
          || !(Manifest.MEMORY.equals(mount.kind()) || Manifest.HOST_DIRECTORY.equals(mount.kind()) && mount.hostPath() != null)) {
        throw new ArchiveException("workspace archive corrupt: bad mount " + mount + " in its manifest");
      }
    }
    Set<String> entries = new HashSet<>();
    for (Manifest.Part part : m.parts()) {
      if (part.kind() == null || !Manifest.KNOWN_PARTS.contains(part.kind())) {
        throw new ArchiveException("workspace archive holds a part of kind '" + part.kind() + "' (" + part.name()
            + "), which this mirage4j does not know; restore it with the version that wrote it or a newer one");
      }
      if (part.name() == null || part.entry() == null || part.entries() < 0 || !entries.add(part.entry())) {
        throw new ArchiveException("workspace archive corrupt: bad part " + part + " in its manifest");
      }
      boolean mountPart = part.kind().equals(Manifest.MEMORY_MOUNT) || part.kind().equals(Manifest.HOST_FINGERPRINTS);
      if (mountPart && !prefixes.contains(part.name())) {
        throw new ArchiveException("workspace archive corrupt: part " + part.entry() + " names no mount of its manifest");
      }
    }
    for (Manifest.MountRecord mount : m.mounts()) {
      String kind = Manifest.MEMORY.equals(mount.kind()) ? Manifest.MEMORY_MOUNT : Manifest.HOST_FINGERPRINTS;
      if (m.parts().stream().noneMatch(p -> p.kind().equals(kind) && p.name().equals(mount.prefix()))) {
        throw new ArchiveException("workspace archive corrupt: no " + kind + " part for mount " + mount.prefix());
      }
    }
    return m;
  }

  private static boolean isMode(String mode) {
    for (Mode m : Mode.values()) {
      if (m.name().equals(mode)) {
        return true;
      }
    }
    return false;
  }
}
