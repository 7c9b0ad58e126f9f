package io.mirage4j.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A Python session's saved namespace in an archive: which shell session and name it belongs to
 * (the part's name, a JSON array of the two), and its pickle.
 */
record PythonPart(String session, String name, byte[] state) {
  /** The most bytes one Python session's state may take, as {@code PythonSession.saveState} writes at most. */
  static final int MAX_BYTES = 1 << 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  static String name(String session, String name) {
    try {
      return JSON.writeValueAsString(List.of(session, name));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static PythonPart of(Manifest.Part part, byte[] state) throws ArchiveException {
    try {
      List<?> names = JSON.readValue(part.name(), List.class);
      if (names.size() == 2 && names.get(0) instanceof String session && names.get(1) instanceof String name
          && !name.isBlank()) {
        return new PythonPart(session, name, state);
      }
    } catch (JsonProcessingException e) {
      // refused below
    }
    throw new ArchiveException("workspace archive corrupt: python session part " + part.entry()
        + " is not named [session, name]: " + part.name());
  }
}
