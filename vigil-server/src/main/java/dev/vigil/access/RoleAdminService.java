package dev.vigil.access;

import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes roles; built-in roles keep their names and cannot be deleted. */
@Service
public class RoleAdminService {

  private final RoleRepository roles;

  RoleAdminService(RoleRepository roles) {
    this.roles = roles;
  }

  public List<Role> all() {
    return roles.all();
  }

  /** The roles matching the list query's name (exact) and phrase (partial) filters. */
  public List<Role> matching(ListQuery q) {
    String phrase = q.phrase() == null ? null : q.phrase().toLowerCase(Locale.ROOT);
    return roles.all().stream()
        .filter(r -> q.name() == null || r.name().equals(q.name()))
        .filter(r -> phrase == null || contains(r, phrase))
        .toList();
  }

  public Role get(long id) {
    return roles.find(id).orElseThrow(() -> new NotFoundException("Role", id));
  }

  @Transactional
  public Role create(@Nullable RoleRequest r) {
    FieldErrors errors = new FieldErrors();
    if (r == null) {
      throw roleRequired();
    }
    String name = r.effectiveName();
    if (name == null || name.isBlank()) {
      errors.add("name", "is required");
    }
    Grants grants = validate(0, r, Grants.none(), errors);
    errors.throwIfInvalid("Unable to save role");
    if (name == null) {
      throw new IllegalStateException("a validated new role has no name");
    }
    long id = roles.insert(name.trim(), blankToNull(r.description()));
    roles.setGrants(id, grants);
    return get(id);
  }

  @Transactional
  public Role update(long id, @Nullable RoleRequest r) {
    Role old = get(id);
    FieldErrors errors = new FieldErrors();
    if (r == null) {
      throw roleRequired();
    }
    String given = r.effectiveName();
    String name = given == null ? old.name() : given.trim();
    if (old.builtIn() && !name.equals(old.name())) {
      errors.add("name", "of a built-in role cannot change");
    }
    Grants grants = validate(id, r, old.grants(), errors);
    if (old.isAdministrator() && !grants.equals(old.grants())) {
      errors.add("permissions", "of the Administrator role cannot change");
    }
    errors.throwIfInvalid("Unable to save role");
    String description = r.description() == null ? old.description() : blankToNull(r.description());
    roles.update(id, name, description);
    roles.setGrants(id, grants);
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    Role role = get(id);
    if (role.builtIn()) {
      throw new ConflictException("Built-in role " + role.name() + " cannot be deleted");
    }
    long holders = roles.countUsers(id);
    if (holders > 0) {
      throw new ConflictException(
          "Role " + role.name() + " is assigned to " + holders + " user(s)");
    }
    roles.delete(id);
  }

  /** What {@link FieldErrors#throwIfInvalid} throws for a request without a role. */
  private static InvalidInputException roleRequired() {
    return new InvalidInputException("Unable to save role", Map.of("role", "is required"));
  }

  /** Checks the name and parses the permissions over {@code base} (given levels win). */
  private Grants validate(long id, RoleRequest r, Grants base, FieldErrors errors) {
    String name = r.effectiveName();
    if (name != null && !name.isBlank()) {
      if (name.trim().length() > 100) {
        errors.add("name", "must be at most 100 characters");
      }
      roles
          .findByName(name.trim())
          .filter(x -> x.id() != id)
          .ifPresent(x -> errors.add("name", "must be unique"));
    }
    Map<Permission, Level> levels = new EnumMap<>(base.levels());
    if (r.permissions() != null) {
      r.permissions().forEach((code, level) -> parse(code, level, levels, errors));
    }
    return new Grants(levels);
  }

  private static void parse(
      String code, String level, Map<Permission, Level> levels, FieldErrors errors) {
    try {
      Permission p = Permission.fromCode(code);
      try {
        levels.put(p, p.level(level));
      } catch (IllegalArgumentException e) {
        String why = e.getMessage();
        errors.add("permissions." + code, why == null ? "unknown level" : why);
      }
    } catch (IllegalArgumentException e) {
      errors.add("permissions." + code, "unknown permission");
    }
  }

  private static boolean contains(Role r, String phrase) {
    return r.name().toLowerCase(Locale.ROOT).contains(phrase)
        || (r.description() != null && r.description().toLowerCase(Locale.ROOT).contains(phrase));
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
