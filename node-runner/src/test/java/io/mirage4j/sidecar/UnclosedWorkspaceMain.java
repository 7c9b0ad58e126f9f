package io.mirage4j.sidecar;

import io.mirage4j.workspace.Workspace;

/** A program that starts a sidecar, prints its pid and exits without closing the workspace. */
public final class UnclosedWorkspaceMain {
  private UnclosedWorkspaceMain() {}

  public static void main(String[] args) {
    Workspace ws = Workspace.builder().build();
    ws.execute("python3 -c pass");
    Sidecars.running().forEach(p -> System.out.println(p.pid()));
  }
}
