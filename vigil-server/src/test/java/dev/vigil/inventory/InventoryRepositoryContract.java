package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scanning.SshSecret;
import dev.vigil.scanning.SshTarget;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.storage.Sql;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Credentials, servers and instances through their services and repositories against a real
 * database; run on H2 and on PostgreSQL by the subclasses.
 */
abstract class InventoryRepositoryContract {

  private static final String FP = "SHA256:" + "A".repeat(43);
  private static final String FP2 = "SHA256:" + "B".repeat(43);

  @TempDir Path tmp;
  InventoryFixture inv;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    inv = new InventoryFixture(dataSource());
  }

  @AfterEach
  void close() {
    if (inv != null) {
      inv.close();
    }
  }

  @Test
  void storesAServerAndReadsBackEveryField() {
    Credential c = inv.password("pw", "ops", "s3cret");
    Server s =
        inv.servers.create(
            new ServerInput(
                "web-1",
                "10.0.0.5",
                "2222",
                "scanner",
                c.id(),
                true,
                "sudo",
                "ssh",
                FP,
                List.of("env:prod", "tier:web"),
                "front"));
    Server got = inv.servers.get(s.id());
    assertThat(got.sshHost()).isEqualTo("10.0.0.5");
    assertThat(got.sshPort()).isEqualTo(2222);
    assertThat(got.credentialName()).isEqualTo("pw");
    assertThat(got.privilegeMode()).isEqualTo(PrivilegeMode.SUDO);
    assertThat(got.hostKeyFingerprint()).isEqualTo(FP);
    assertThat(got.hostKeyExpected()).isTrue();
    assertThat(got.labels()).containsExactly("env:prod", "tier:web");
    assertThat(got.lastTest()).isNull();
  }

  @Test
  void sshTargetDecryptsTheSecretAndFallsBackToTheCredentialsUsername() {
    Credential c = inv.password("pw", "ops", "s3cret");
    Server s = inv.ssh("web-1", "web1.example.org", 22, c, "root");
    SshTarget t = inv.servers.sshTarget(s.id());
    assertThat(t.username()).isEqualTo("ops");
    assertThat(t.secret()).isEqualTo(new SshSecret.Password("s3cret"));
    assertThat(t.expectedHostKey()).isNull();
    inv.servers.update(s.id(), input("sshUsername", "scanner"));
    assertThat(inv.servers.sshTarget(s.id()).username()).isEqualTo("scanner");
  }

  @Test
  void keyCredentialGivesAKeySecretAndAFingerprint() {
    String key = TestKeys.generate(tmp, "pp");
    Credential c = inv.key("k", "root", key, "pp");
    assertThat(c.keyFingerprint()).startsWith("SHA256:");
    Server s = inv.ssh("db", "db.example.org", 22, c, "root");
    assertThat(inv.servers.sshTarget(s.id()).secret())
        .isEqualTo(new SshSecret.PrivateKey(key, "pp"));
  }

  @Test
  void updatingACredentialWithoutSecretsKeepsTheSecret() {
    Credential c = inv.password("pw", "ops", "s3cret");
    inv.credentials.update(
        c.id(), new CredentialInput("pw2", null, "ops2", null, null, null), "other");
    assertThat(inv.credentials.secret(c.id())).isEqualTo(new SshSecret.Password("s3cret"));
    Credential got = inv.credentials.get(c.id());
    assertThat(got.name()).isEqualTo("pw2");
    assertThat(got.username()).isEqualTo("ops2");
    assertThat(got.updatedBy()).isEqualTo("other");
    inv.credentials.update(
        c.id(), new CredentialInput(null, null, null, "new-pw", null, null), "other");
    assertThat(inv.credentials.secret(c.id())).isEqualTo(new SshSecret.Password("new-pw"));
  }

  @Test
  void hostKeyIsPinnedOnFirstUseThenAMismatchWaitsForAcceptance() {
    Server s = inv.ssh("web-1", "web1", 22, inv.password("pw", "ops", "x"), "root");
    inv.servers.pinHostKey(s.id(), FP);
    inv.servers.pinHostKey(s.id(), FP2);
    assertThat(inv.servers.get(s.id()).hostKeyFingerprint()).isEqualTo(FP);
    assertThat(inv.servers.get(s.id()).hostKeyExpected()).isFalse();
    inv.servers.recordHostKeyMismatch(s.id(), FP2);
    assertThat(inv.servers.get(s.id()).pendingHostKey()).isEqualTo(FP2);
    assertThat(inv.servers.sshTarget(s.id()).expectedHostKey()).isEqualTo(FP);
    Server accepted = inv.servers.acceptPendingHostKey(s.id());
    assertThat(accepted.hostKeyFingerprint()).isEqualTo(FP2);
    assertThat(accepted.pendingHostKey()).isNull();
    assertThatThrownBy(() -> inv.servers.acceptPendingHostKey(s.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("no new host key");
  }

  @Test
  void deletingACredentialInUseIsRefusedNamingTheServers() {
    Credential c = inv.password("pw", "ops", "x");
    inv.ssh("web-2", "web2", 22, c, "root");
    inv.ssh("web-1", "web1", 22, c, "root");
    assertThatThrownBy(() -> inv.credentials.delete(c.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("web-1, web-2");
    assertThat(inv.credentials.get(c.id())).isNotNull();
  }

  /**
   * Existence and names of long id lists: a dense list (its id range read at once) and a sparse one
   * (joined as arrays) answer the same, unknown and deleted ids left out, duplicates once.
   */
  @Test
  void existingIdsAndNamesOfLongListsWhetherDenseOrSparse() {
    JdbcClient jdbc = JdbcClient.create(dataSource());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      rows.add(List.of("bulk-" + i, "localhost", 22, "root", "local", false, now, now));
    }
    Sql.insertRows(
        jdbc,
        "servers",
        List.of(
            "name",
            "ssh_host",
            "ssh_port",
            "privilege_mode",
            "connection_type",
            "host_key_expected",
            "created_at",
            "updated_at"),
        rows);
    List<Long> all =
        jdbc.sql("select id from servers where name like 'bulk-%' order by id")
            .query(Long.class)
            .list();
    long gone = all.get(1501);
    inv.servers.delete(gone);
    long last = all.get(all.size() - 1);
    // dense: 1,500 consecutive ids, one deleted, two unknown (one past the end), one twice
    List<Long> dense = new ArrayList<>(all.subList(1000, 2500));
    dense.add(last + 1);
    dense.add(last + 1_000_000);
    dense.add(all.get(1000));
    Set<Long> denseFound = inv.servers.existingIds(dense);
    assertThat(denseFound).hasSize(1499).doesNotContain(gone, last + 1, last + 1_000_000);
    assertThat(denseFound)
        .containsAll(all.subList(1000, 1501))
        .containsAll(all.subList(1502, 2500));
    Map<Long, String> names = inv.servers.namesByIds(dense);
    assertThat(names).hasSize(1499).containsEntry(all.get(1000), "bulk-1001");
    assertThat(names).containsEntry(all.get(2499), "bulk-2500").doesNotContainKey(gone);
    // sparse: every third id (their range holds three rows per id), the deleted one, an unknown one
    List<Long> sparse = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 3) {
      sparse.add(all.get(i));
    }
    sparse.add(gone);
    sparse.add(-5L);
    Set<Long> sparseFound = inv.servers.existingIds(sparse);
    assertThat(sparseFound).hasSize(1000).doesNotContain(gone, -5L).contains(all.get(2997));
    assertThat(inv.servers.namesByIds(sparse))
        .hasSize(1000)
        .containsEntry(all.get(0), "bulk-1")
        .containsEntry(all.get(2997), "bulk-2998");
  }

  @Test
  void instancesExpandToTheirServersAndLoseDeletedServers() {
    Credential c = inv.password("pw", "ops", "x");
    Server a = inv.ssh("a", "a.example", 22, c, "root");
    Server b = inv.ssh("b", "b.example", 22, c, "root");
    Instance i =
        inv.instances.create(new InstanceInput("app", "d", List.of("x"), List.of(b.id(), a.id())));
    assertThat(inv.instances.serversOf(i.id())).extracting(Server::name).containsExactly("a", "b");
    inv.servers.delete(a.id());
    assertThat(inv.instances.get(i.id()).servers())
        .containsExactly(new Instance.Member(b.id(), "b"));
    assertThatThrownBy(() -> inv.instances.serversOf(999)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void listsByExactNamePhraseAndPage() {
    Credential c = inv.password("pw", "ops", "x");
    inv.ssh("alpha", "h1", 22, c, "root");
    inv.ssh("alphabet", "h2", 22, c, "root");
    inv.ssh("beta", "h3", 22, c, "root");
    assertThat(names(new ListQuery(25, 0, null, "alpha", null, false))).containsExactly("alpha");
    assertThat(names(new ListQuery(25, 0, "ALPHA", null, null, false)))
        .containsExactly("alpha", "alphabet");
    assertThat(names(new ListQuery(1, 1, null, null, "name", true))).containsExactly("alphabet");
    assertThat(inv.servers.count(new ListQuery(1, 0, "h", null, null, false))).isEqualTo(3);
  }

  @Test
  void localServerNeedsNoCredentialOrHost() {
    Server s =
        inv.servers.create(
            new ServerInput(
                "self", null, null, null, null, false, "root", "local", null, null, null));
    assertThat(s.sshHost()).isEqualTo("localhost");
    assertThat(s.credentialId()).isNull();
    assertThatThrownBy(() -> inv.servers.sshTarget(s.id())).isInstanceOf(ConflictException.class);
  }

  private List<String> names(ListQuery q) {
    return inv.servers.list(q).stream().map(Server::name).toList();
  }

  static ServerInput input(String field, String value) {
    return new ServerInput(
        field.equals("name") ? value : null,
        field.equals("sshHost") ? value : null,
        field.equals("sshPort") ? value : null,
        field.equals("sshUsername") ? value : null,
        null,
        false,
        field.equals("privilegeMode") ? value : null,
        field.equals("connectionType") ? value : null,
        field.equals("hostKeyFingerprint") ? value : null,
        null,
        null);
  }
}
