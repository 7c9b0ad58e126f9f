package io.mirage4j.snapshot;

import io.mirage4j.shell.ShellImage;
import io.mirage4j.shell.ShellState;
import io.mirage4j.workspace.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session's image, without the functions whose text does not read back (each noted as left out). */
final class SessionImages {
  private SessionImages() {}

  static ShellImage keepable(Session session, List<Omission> omitted) {
    ShellImage image = session.image();
    Map<String, String> functions = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : image.functions().entrySet()) {
      ShellImage one = withFunctions(image, Map.of(f.getKey(), f.getValue()));
      try {
        ShellState.of(one);
        functions.put(f.getKey(), f.getValue());
      } catch (IllegalArgumentException e) {
        omitted.add(new Omission("function " + f.getKey() + " of session " + session.id(), e.getMessage()));
      }
    }
    return functions.size() == image.functions().size() ? image : withFunctions(image, functions);
  }

  private static ShellImage withFunctions(ShellImage image, Map<String, String> functions) {
    return new ShellImage(image.variables(), image.exported(), image.arrays(), image.associative(), functions,
        image.cwd(), image.previousCwd(), image.options(), image.traps(), image.lastStatus(), image.history(),
        image.nextHistoryNumber());
  }
}
