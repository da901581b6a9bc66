package dev.vigil.access;

import org.springframework.stereotype.Service;

/** Answers what the current user may do, for features that adapt their output to it. */
@Service
public class AccessService {

  private final CurrentUser currentUser;

  AccessService(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  /** The current user's level in {@code permission}; NONE when nobody is signed in. */
  public Level level(Permission permission) {
    return currentUser.subject().map(s -> s.grants().level(permission)).orElse(Level.NONE);
  }

  /** True when the current user holds at least {@code level} in {@code permission}. */
  public boolean can(Permission permission, Level level) {
    return level(permission).allows(level);
  }
}
