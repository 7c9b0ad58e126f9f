package io.mirage4j.snapshot;

import java.util.List;

/**
 * A host directory's fingerprints as an archive keeps them.
 *
 * @param files one per file, in order of path
 */
record HostFingerprintsRecord(List<FileFingerprint> files) {}
