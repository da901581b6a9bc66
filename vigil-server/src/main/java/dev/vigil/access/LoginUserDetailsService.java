package dev.vigil.access;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks users up for the login form. */
@Service
class LoginUserDetailsService implements UserDetailsService {

  private final UserRepository users;

  LoginUserDetailsService(UserRepository users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    User u =
        users
            .findByUsername(username)
            .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    return new LoginUser(u.id(), u.username(), u.passwordHash(), u.enabled());
  }
}
