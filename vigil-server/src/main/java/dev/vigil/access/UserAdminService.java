package dev.vigil.access;

import dev.vigil.shared.ConflictException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes users; keeps at least one enabled Administrator. */
@Service
public class UserAdminService {

  private final UserRepository users;
  private final RoleRepository roles;
  private final PasswordEncoder encoder;
  private final CurrentUser currentUser;
  private final Clock clock;

  UserAdminService(
      UserRepository users,
      RoleRepository roles,
      PasswordEncoder encoder,
      CurrentUser currentUser,
      Clock clock) {
    this.users = users;
    this.roles = roles;
    this.encoder = encoder;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  public List<UserView> list(ListQuery q) {
    return users.list(q).stream().map(this::view).toList();
  }

  public long total(ListQuery q) {
    return users.total(q);
  }

  public UserView get(long id) {
    return view(find(id));
  }

  @Transactional
  public UserView create(@Nullable UserRequest r) {
    UserValidation.forCreate(r, users, roles).throwIfInvalid("Unable to save user");
    if (r == null || r.username() == null || r.password() == null) {
      throw new IllegalStateException("a validated new user has no username or password");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean enabled = r.enabled() == null || r.enabled();
    String hash = PasswordCheck.hash(encoder, r.password());
    User u =
        new User(
            0,
            r.username().trim(),
            blankToNull(r.displayName()),
            blankToNull(r.email()),
            hash,
            enabled,
            now,
            now);
    long id = users.insert(u);
    users.setRoles(id, roleIds(r));
    return get(id);
  }

  @Transactional
  public UserView update(long id, @Nullable UserRequest r) {
    User old = find(id);
    UserValidation.forUpdate(id, r, users, roles).throwIfInvalid("Unable to save user");
    if (r == null) {
      throw new IllegalStateException("a validated user request is missing");
    }
    User u =
        new User(
            id,
            r.username() == null ? old.username() : r.username().trim(),
            r.displayName() == null ? old.displayName() : blankToNull(r.displayName()),
            r.email() == null ? old.email() : blankToNull(r.email()),
            r.password() == null || r.password().isEmpty()
                ? old.passwordHash()
                : PasswordCheck.hash(encoder, r.password()),
            r.enabled() == null ? old.enabled() : r.enabled(),
            old.createdAt(),
            OffsetDateTime.now(clock));
    users.update(u);
    if (r.roles() != null) {
      users.setRoles(id, roleIds(r));
    }
    requireAdministratorLeft("This change would leave no enabled Administrator");
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    find(id);
    if (currentUser.current().map(me -> me.id() == id).orElse(false)) {
      throw new ConflictException("You cannot delete yourself");
    }
    users.delete(id);
    requireAdministratorLeft("Cannot delete the last Administrator");
  }

  private void requireAdministratorLeft(String message) {
    if (users.countEnabledAdministrators() == 0) {
      throw new ConflictException(message);
    }
  }

  private User find(long id) {
    return users.find(id).orElseThrow(() -> new NotFoundException("User", id));
  }

  private UserView view(User u) {
    return UserView.of(u, roles.forUser(u.id()));
  }

  private static List<Long> roleIds(UserRequest r) {
    return r.roles() == null
        ? List.of()
        : r.roles().stream()
            .map(UserRequest.IdRef::id)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
