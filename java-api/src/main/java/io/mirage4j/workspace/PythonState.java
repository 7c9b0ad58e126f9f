package io.mirage4j.workspace;

import java.util.List;
import java.util.Map;

/**
 * What {@link PythonSession#saveState} kept of a session's namespace, or what {@link
 * PythonSession#loadState} brought back.
 *
 * <pre>{@code
 * PythonState saved = py.saveState(out);
 * saved.names();    // ["rows", "total"]: values kept with pickle
 * saved.modules();  // {"np": "numpy"}: names bound to modules, imported again on load
 * saved.notKept();  // {"f": "refers to f, defined in the session, which a restore cannot recreate"}
 * }</pre>
 *
 * @param names the names whose values were kept (saving) or restored (loading), sorted
 * @param modules names bound to modules, and the module each names (saving); empty when loading,
 *     whose {@code names} include them
 * @param notKept names that were left out (saving) or could not be restored (loading), and why
 */
public record PythonState(List<String> names, Map<String, String> modules, Map<String, String> notKept) {
  public PythonState {
    names = List.copyOf(names);
    modules = Map.copyOf(modules);
    notKept = Map.copyOf(notKept);
  }
}
