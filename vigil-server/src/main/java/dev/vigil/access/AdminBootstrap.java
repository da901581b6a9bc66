package dev.vigil.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On first start (no users at all) creates user {@code admin} with the Administrator role, using
 * {@code vigil.access.admin-password} or a generated password that is logged exactly once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserRepository users;
  private final RoleRepository roles;
  private final PasswordEncoder encoder;
  private final AccessSettings settings;
  private final TransactionTemplate tx;
  private final Clock clock;

  AdminBootstrap(
      UserRepository users,
      RoleRepository roles,
      PasswordEncoder encoder,
      AccessSettings settings,
      TransactionTemplate tx,
      Clock clock) {
    this.users = users;
    this.roles = roles;
    this.encoder = encoder;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (users.count() > 0) {
      return;
    }
    String configured = settings.adminPassword();
    boolean generated = configured == null || configured.isBlank();
    String password = configured == null || generated ? generatePassword() : configured;
    try {
      tx.executeWithoutResult(s -> createAdmin(password));
    } catch (DuplicateKeyException e) {
      log.info("Another Vigil node created the first admin user");
      return;
    }
    if (generated) {
      log.warn("Vigil first start: user 'admin' created with password: {}", password);
    } else {
      log.info("Vigil first start: user 'admin' created with the configured password");
    }
  }

  private void createAdmin(String password) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    long id =
        users.insert(
            new User(
                0,
                "admin",
                "Administrator",
                null,
                PasswordCheck.hash(encoder, password),
                true,
                now,
                now));
    Role admin =
        roles
            .findByName(Role.ADMINISTRATOR)
            .orElseThrow(() -> new IllegalStateException("built-in role Administrator is missing"));
    users.setRoles(id, List.of(admin.id()));
  }

  private static String generatePassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
