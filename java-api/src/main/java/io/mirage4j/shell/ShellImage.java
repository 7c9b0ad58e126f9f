package io.mirage4j.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a shell session keeps between command lines, as plain values: its variables and which are
 * exported, its arrays, its functions as source text, its working directory, its {@code set -o}
 * options, its traps, the status of its last command and its history. {@link ShellState#image()}
 * takes one; {@link ShellState#of(ShellImage)} makes a state from one, in this JVM or another.
 * Running background jobs and descriptors opened with {@code exec} are not part of it.
 *
 * <pre>{@code
 * ShellImage image = session.image();
 * image.cwd();                    // "/data"
 * image.functions().get("greet"); // "greet() { echo hi; }"
 * }</pre>
 *
 * @param variables scalar variables by name, in the order they were set
 * @param exported the names marked exported (set or not)
 * @param arrays array variables: name to subscript to value
 * @param associative the names of {@code arrays} that are associative ({@code declare -A})
 * @param functions function name to its definition's source text
 * @param functionsLeftOut the functions whose source text does not read back as the same
 *     definition, which the image therefore does not hold
 * @param cwd the working directory
 * @param previousCwd the directory before the last {@code cd} ({@code cd -}), or null
 * @param options the {@code set -o} options that are on
 * @param traps signal number (0 for EXIT) to the commands {@code trap} set
 * @param lastStatus {@code $?}
 * @param history the history's entries, oldest first
 * @param nextHistoryNumber the number the next history line gets
 */
public record ShellImage(Map<String, String> variables, Set<String> exported, Map<String, Map<String, String>> arrays,
    Set<String> associative, Map<String, String> functions, Set<String> functionsLeftOut, String cwd, String previousCwd, Set<String> options,
    Map<Integer, String> traps, int lastStatus, List<History.Entry> history, int nextHistoryNumber) {

  public ShellImage {
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    exported = Set.copyOf(exported);
    Map<String, Map<String, String>> arraysCopy = new LinkedHashMap<>();
    arrays.forEach((name, elements) -> arraysCopy.put(name, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(elements))));
    arrays = java.util.Collections.unmodifiableMap(arraysCopy);
    associative = Set.copyOf(associative);
    functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    functionsLeftOut = Set.copyOf(functionsLeftOut);
    Objects.requireNonNull(cwd, "cwd");
    options = Set.copyOf(options);
    traps = Map.copyOf(traps);
    history = List.copyOf(history);
  }
}
