package dev.vigil.storage;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This installation's id: 8 random lowercase letters and digits, made once and kept in the
 * database, the same for every node of a cluster. It tells this installation's run directories on a
 * target from another installation's.
 */
@Component
public class InstallationId {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private volatile @Nullable String id;

  InstallationId(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The id, made and stored on first use; another node that made it first wins. */
  public String id() {
    String known = id;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      String current = id;
      if (current == null) {
        current = read();
        if (current == null) {
          try {
            jdbc.sql("insert into vigil_installation (k, id, created_at) values (1, ?, ?)")
                .params(random(), OffsetDateTime.now(clock))
                .update();
          } catch (DataAccessException raced) {
            // another node stored its id at the same time (one row: k = 1); the one stored wins
          }
          current = read();
        }
        if (current == null) {
          throw new IllegalStateException("no installation id stored (vigil_installation)");
        }
        id = current;
      }
      return current;
    }
  }

  private @Nullable String read() {
    return jdbc.sql("select id from vigil_installation where k = 1")
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static String random() {
    StringBuilder b = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
