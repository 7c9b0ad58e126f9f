package io.mirage4j.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirage4j.python.PythonRuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {
  @TempDir Path temp;

  @Test
  void namesTheJvmsArchitecturesAsNpmDoes() {
    assertThat(Platform.detect("Linux", "amd64", () -> false).id()).isEqualTo("linux-x64");
    assertThat(Platform.detect("Linux", "x86_64", () -> false).id()).isEqualTo("linux-x64");
    assertThat(Platform.detect("Linux", "aarch64", () -> false).id()).isEqualTo("linux-arm64");
    assertThat(Platform.detect("Mac OS X", "aarch64", () -> false).id()).isEqualTo("darwin-arm64");
    assertThat(Platform.detect("Windows 11", "amd64", () -> false).id()).isEqualTo("win-x64");
    assertThat(Platform.detect("FreeBSD", "amd64", () -> false).id()).isEqualTo("freebsd-x64");
    assertThat(Platform.detect("Linux", "ppc64le", () -> false).id()).isEqualTo("linux-ppc64le");
  }

  @Test
  void aPlatformIsNamedOsDashArch() {
    assertThat(Platform.of("linux-arm64")).isEqualTo(new Platform("linux", "arm64", false));
    assertThatThrownBy(() -> Platform.of("linux")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Platform.of("linux-")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asksAboutMuslOnlyOnLinux() {
    assertThat(Platform.detect("Linux", "amd64", () -> true).musl()).isTrue();
    assertThat(Platform.detect("Mac OS X", "aarch64", () -> {
      throw new AssertionError("asked");
    }).musl()).isFalse();
  }

  @Test
  void bundlesNodeForLinuxWithGlibc() {
    Platform.detect("Linux", "amd64", () -> false).requireBundledNode();
    Platform.detect("Linux", "aarch64", () -> false).requireBundledNode();
  }

  @Test
  void anUnsupportedPlatformSaysToBringNode() {
    assertThatThrownBy(() -> Platform.detect("Mac OS X", "aarch64", () -> false).requireBundledNode())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("no bundled Node.js for darwin-arm64 (mirage4j ships one for linux-x64 and linux-arm64):"
            + " install Node.js 26 or newer and set MIRAGE4J_NODE (or -Dmirage4j.node, or"
            + " NodeSidecarProvider.builder().node(...)) to its node executable");
    assertThatThrownBy(() -> Platform.detect("Linux", "s390x", () -> false).requireBundledNode())
        .hasMessageStartingWith("no bundled Node.js for linux-s390x ");
  }

  @Test
  void muslSaysTheBundledNodeNeedsGlibc() {
    assertThatThrownBy(() -> Platform.detect("Linux", "amd64", () -> true).requireBundledNode())
        .isInstanceOf(PythonRuntimeUnavailableException.class)
        .hasMessage("no bundled Node.js for linux-x64 with musl libc (Alpine): the bundled one needs glibc;"
            + " install Node.js 26 or newer and set MIRAGE4J_NODE (or -Dmirage4j.node, or"
            + " NodeSidecarProvider.builder().node(...)) to its node executable");
  }

  @Test
  void muslIsItsLoaderInLib() throws IOException {
    Path lib = Files.createDirectories(temp.resolve("lib"));
    Files.createFile(lib.resolve("ld-linux-x86-64.so.2"));
    assertThat(Platform.muslLoaderPresent(lib)).isFalse();
    Files.createFile(lib.resolve("ld-musl-x86_64.so.1"));
    assertThat(Platform.muslLoaderPresent(lib)).isTrue();
    assertThat(Platform.muslLoaderPresent(temp.resolve("missing"))).isFalse();
  }
}
