package dev.vigil.access;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** STUB until the access branch merges. */
@Component
public class CurrentUser {
  public Optional<UserRef> current() {
    return Optional.empty();
  }

  public UserRef require() {
    throw new IllegalStateException("stub");
  }
}
