package io.mirage4j.shell.builtins;

import io.mirage4j.fs.FileStat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The operands of {@code cp} and {@code mv}: {@code SOURCE DEST}, or {@code SOURCE... DIR} where
 * each source goes into the existing directory DIR.
 *
 * @param pairs each source operand and the destination it goes to, as typed
 */
record Transfer(List<String[]> pairs) {

  /** The transfers the operands ask for, or null after printing coreutils' usage error. */
  static Transfer of(Tool t, List<String> operands) throws IOException {
    if (operands.isEmpty()) {
      t.usage("missing file operand", 1);
      return null;
    }
    if (operands.size() == 1) {
      t.usage("missing destination file operand after " + Quote.always(operands.get(0)), 1);
      return null;
    }
    String target = operands.get(operands.size() - 1);
    List<String> sources = operands.subList(0, operands.size() - 1);
    FileStat targetStat = Tree.statOrNull(t, target);
    boolean intoDirectory = targetStat != null && targetStat.isDirectory();
    if (sources.size() > 1 && !intoDirectory) {
      t.error(targetStat == null
          ? "target " + Quote.always(target) + ": No such file or directory"
          : "target " + Quote.always(target) + " is not a directory");
      return null;
    }
    List<String[]> pairs = new ArrayList<>();
    for (String source : sources) {
      pairs.add(new String[] {source, intoDirectory ? Tree.join(target, Tree.baseName(source)) : target});
    }
    return new Transfer(pairs);
  }
}
