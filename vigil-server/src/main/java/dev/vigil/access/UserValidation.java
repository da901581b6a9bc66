package dev.vigil.access;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a user create or update before anything is written. */
final class UserValidation {

  static final int MIN_PASSWORD = 8;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private UserValidation() {}

  static FieldErrors forCreate(
      @Nullable UserRequest r, UserRepository users, RoleRepository roles) {
    FieldErrors errors = new FieldErrors();
    if (r == null) {
      return errors.add("user", "is required");
    }
    if (r.username() == null || r.username().isBlank()) {
      errors.add("username", "is required");
    }
    if (r.password() == null || r.password().isEmpty()) {
      errors.add("password", "is required");
    }
    return common(0, r, users, roles, errors);
  }

  static FieldErrors forUpdate(
      long id, @Nullable UserRequest r, UserRepository users, RoleRepository roles) {
    FieldErrors errors = new FieldErrors();
    if (r == null) {
      return errors.add("user", "is required");
    }
    if (r.username() != null && r.username().isBlank()) {
      errors.add("username", "is required");
    }
    return common(id, r, users, roles, errors);
  }

  private static void checkUsername(
      long id, String name, UserRepository users, FieldErrors errors) {
    if (!USERNAME.matcher(name).matches()) {
      errors.add("username", "may use only letters, digits and . _ @ - (at most 100)");
    } else if (users.findByUsername(name).filter(u -> u.id() != id).isPresent()) {
      errors.add("username", "must be unique");
    }
  }

  private static FieldErrors common(
      long id, UserRequest r, UserRepository users, RoleRepository roles, FieldErrors errors) {
    if (r.username() != null && !r.username().isBlank()) {
      checkUsername(id, r.username().trim(), users, errors);
    }
    if (r.password() != null && !r.password().isEmpty() && r.password().length() < MIN_PASSWORD) {
      errors.add("password", "must be at least " + MIN_PASSWORD + " characters");
    }
    if (r.email() != null && !r.email().isBlank() && !EMAIL.matcher(r.email().trim()).matches()) {
      errors.add("email", "is not a valid email address");
    }
    if (r.displayName() != null && r.displayName().length() > 200) {
      errors.add("displayName", "must be at most 200 characters");
    }
    if (r.roles() != null) {
      for (UserRequest.IdRef ref : r.roles()) {
        if (ref == null || ref.id() == null || roles.find(ref.id()).isEmpty()) {
          errors.add("roles", "unknown role" + (ref == null ? "" : " id " + ref.id()));
        }
      }
    }
    return errors;
  }
}
