package dev.vigil.access;

import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The user of the current request (session or API token), for features that record who acted. */
@Component
public class CurrentUser {

  private static final String CACHE = CurrentUser.class.getName() + ".subject";

  private final UserRepository users;
  private final RoleRepository roles;

  CurrentUser(UserRepository users, RoleRepository roles) {
    this.users = users;
    this.roles = roles;
  }

  /** The signed-in user, empty for anonymous requests and outside a request. */
  public Optional<UserRef> current() {
    return subject().map(s -> s.user().ref());
  }

  /** The signed-in user; throws an authentication exception when there is none. */
  public UserRef require() {
    return current()
        .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
  }

  /** The signed-in, enabled user with their grants; cached for the rest of the request. */
  @SuppressWarnings("unchecked")
  public Optional<Subject> subject() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null) {
      return load();
    }
    Object cached = request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
    if (cached instanceof Optional<?> hit) {
      return (Optional<Subject>) hit;
    }
    Optional<Subject> loaded = load();
    request.setAttribute(CACHE, loaded, RequestAttributes.SCOPE_REQUEST);
    return loaded;
  }

  private Optional<Subject> load() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return user(auth).filter(User::enabled).map(this::withGrants);
  }

  private Optional<User> user(Authentication auth) {
    Object principal = auth.getPrincipal();
    if (principal instanceof TokenPrincipal t) {
      return users.find(t.userId());
    }
    if (principal instanceof LoginUser l) {
      return users.find(l.userId());
    }
    return users.findByUsername(auth.getName());
  }

  private Subject withGrants(User user) {
    var userRoles = roles.forUser(user.id());
    return new Subject(
        user, userRoles, Grants.maxOf(userRoles.stream().map(Role::grants).toList()));
  }
}
