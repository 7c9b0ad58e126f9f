package io.mirage4j.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The archive's JSON entries, to and from bytes. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      // a later format version may add fields: its manifest must still read far enough to say so
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** {@code bytes} read as a {@code type}; a clear {@link ArchiveException} naming {@code entry} otherwise. */
  static <T> T read(byte[] bytes, Class<T> type, String entry) throws ArchiveException {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new ArchiveException("workspace archive corrupt: entry " + entry + " is empty");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ArchiveException a) {
        throw a;
      }
      throw new ArchiveException("workspace archive corrupt: entry " + entry + " is not valid: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int eol = message.indexOf('\n');
    return eol < 0 ? message : message.substring(0, eol);
  }
}
