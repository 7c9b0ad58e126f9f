package io.mirage4j.snapshot;

import io.mirage4j.shell.ShellImage;

/**
 * A shell session as an archive keeps it.
 *
 * @param id the session's id
 * @param workspaceProfile whether it had the workspace's permission profile (else none)
 * @param image what it keeps between command lines
 */
record SessionRecord(String id, boolean workspaceProfile, ShellImage image) {}
