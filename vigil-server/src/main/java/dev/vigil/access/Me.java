package dev.vigil.access;

/**
 * The signed-in user as every page sees it (model attribute {@code me}): {@code me.username},
 * {@code me.canRead('security-scanning')}, {@code me.canWrite('admin')}.
 */
public final class Me {
  private final long id;
  private final String username;
  private final String displayName;
  private final Grants grants;

  public Me(Subject subject) {
    this.id = subject.user().id();
    this.username = subject.user().username();
    this.displayName = subject.user().ref().displayName();
    this.grants = subject.grants();
  }

  public long getId() {
    return id;
  }

  public String getUsername() {
    return username;
  }

  public String getDisplayName() {
    return displayName;
  }

  /** True when the user may look at the area with this permission code. */
  public boolean canRead(String permissionCode) {
    return grants.level(Permission.fromCode(permissionCode)).allows(Level.READ);
  }

  /**
   * True when the user may change things in the area with this permission code: {@code full}, or
   * for permissions without {@code full} their first level above read ({@code request}, {@code
   * run}).
   */
  public boolean canWrite(String permissionCode) {
    return grants.level(Permission.fromCode(permissionCode)).allows(Level.FULL);
  }

  /**
   * True when the user holds at least the level with {@code levelCode} of the permission with
   * {@code permissionCode}: {@code me.can('security-waivers', 'approve')}.
   */
  public boolean can(String permissionCode, String levelCode) {
    Permission p = Permission.fromCode(permissionCode);
    return grants.level(p).allows(p.level(levelCode));
  }
}
