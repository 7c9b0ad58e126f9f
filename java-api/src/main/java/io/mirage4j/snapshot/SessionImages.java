package io.mirage4j.snapshot;

import io.mirage4j.shell.ShellImage;
import io.mirage4j.workspace.Session;
import java.util.List;

/** A session's image, each function it could not keep noted as left out. */
final class SessionImages {
  private SessionImages() {}

  static ShellImage keepable(Session session, List<Omission> omitted) {
    ShellImage image = session.image();
    for (String name : image.functionsLeftOut()) {
      omitted.add(new Omission("function " + name + " of session " + session.id(),
          "its source text does not read back as the same definition (e.g. a here-document whose body follows the"
              + " line the function ends on)"));
    }
    return image;
  }
}
