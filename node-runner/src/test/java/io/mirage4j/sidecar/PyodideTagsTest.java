package io.mirage4j.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which wheel file names Pyodide 0.29 (CPython 3.13, Emscripten 4.0.9) installs, and why it refuses the others. */
class PyodideTagsTest {
  private static final PyodideTags TAGS = new PyodideTags(13,
      List.of("pyodide_2025_0_wasm32", "pyemscripten_2025_0_wasm32", "emscripten_4_0_9_wasm32"));

  private static boolean installs(String fileName) {
    return TAGS.refusal(WheelName.parse(fileName).orElseThrow()).isEmpty();
  }

  @Test
  void pureAndPyodideWheelsAreInstalled() {
    assertThat(List.of(
        "tinypkg-1.0-py3-none-any.whl",
        "six-1.17.0-py2.py3-none-any.whl",
        "typing_extensions-4.12.2-py313-none-any.whl",
        "attrs-25.1.0-py38-none-any.whl",
        "thing-1.0-cp313-none-any.whl",
        "numpy-2.2.5-cp313-cp313-pyemscripten_2025_0_wasm32.whl",
        "regex-2024.9.11-cp313-cp313-pyodide_2025_0_wasm32.whl",
        "cffi-1.17.1-cp313-cp313-emscripten_4_0_9_wasm32.whl",
        "cryptography-44.0.0-cp39-abi3-pyemscripten_2025_0_wasm32.whl",
        "tool-1.0-py3-none-pyemscripten_2025_0_wasm32.whl",
        "multi-1.0-cp313-cp313-manylinux_2_17_x86_64.pyodide_2025_0_wasm32.whl",
        "built-1.0-2-py3-none-any.whl"))
        .allMatch(PyodideTagsTest::installs);
  }

  @Test
  void wheelsForAnotherPlatformPythonOrAbiAreRefused() {
    assertThat(List.of(
        "numpy-2.2.5-cp313-cp313-manylinux_2_17_x86_64.whl",
        "numpy-2.2.5-cp313-cp313-win_amd64.whl",
        "numpy-2.2.5-cp313-cp313-macosx_11_0_arm64.whl",
        "numpy-2.0.0-cp312-cp312-pyodide_2024_0_wasm32.whl",
        "numpy-2.2.5-cp312-cp312-pyemscripten_2025_0_wasm32.whl",
        "future-1.0-py314-none-any.whl",
        "future-1.0-cp314-abi3-pyemscripten_2025_0_wasm32.whl",
        "odd-1.0-cp313-abi3-any.whl",
        "odd-1.0-cp313-cp313-any.whl",
        "old-1.0-py2-none-any.whl",
        "other-1.0-cp312-none-any.whl"))
        .noneMatch(PyodideTagsTest::installs);
  }

  @Test
  void theRefusalNamesTheTagAndWhatWouldWork() {
    String use = "; use a pure-Python wheel (py3-none-any) or one built for this Pyodide"
        + " (cp313-cp313-pyodide_2025_0_wasm32; pyemscripten_2025_0_wasm32 and emscripten_4_0_9_wasm32 work too)";
    assertThat(TAGS.refusal(WheelName.parse("x-1-cp313-cp313-win_amd64.whl").orElseThrow()))
        .hasValue("tagged cp313-cp313-win_amd64, for platform win_amd64, which Pyodide cannot load" + use);
    assertThat(TAGS.refusal(WheelName.parse("x-1-py314-none-any.whl").orElseThrow()))
        .hasValue("tagged py314-none-any, which is not for CPython 3.13" + use);
  }

  @Test
  void fileNamesAreParsedAsTheWheelFormatWritesThem() {
    WheelName name = WheelName.parse("My_Pkg-2.0.post1+local-7-py2.py3-none-any.whl").orElseThrow();
    assertThat(name).isEqualTo(new WheelName("My_Pkg", "2.0.post1+local", List.of("py2", "py3"), List.of("none"),
        List.of("any")));
    assertThat(WheelName.canonical(name.distribution())).isEqualTo("my-pkg");
    assertThat(List.of("tinypkg.whl", "tinypkg-1.0.whl", "tinypkg-1.0-py3-none.whl", "tinypkg-1.0-py3-none-any.zip",
        "-1.0-py3-none-any.whl", "a-1.0-x-py3-none-any.whl"))
        .allMatch(fileName -> WheelName.parse(fileName).isEmpty());
  }
}
