package dev.vigil.testsupport;

/** Creates users with a built-in role through the real admin API, for tests of other features. */
public final class TestUsers {

  private TestUsers() {}

  /**
   * Creates {@code username} with {@code password} holding the built-in role named {@code role}.
   */
  public static void create(ApiClient admin, String username, String password, String role) {
    long roleId =
        admin
            .get("/api/roles?name=" + role.replace(" ", "%20"))
            .json()
            .get("roles")
            .get(0)
            .get("id")
            .asLong();
    ApiClient.Response r =
        admin.post(
            "/api/users",
            "{\"user\":{\"username\":"
                + ApiClient.quote(username)
                + ",\"password\":"
                + ApiClient.quote(password)
                + ",\"roles\":[{\"id\":"
                + roleId
                + "}]}}");
    if (r.status() != 200) {
      throw new IllegalStateException("could not create user " + username + ": " + r.body());
    }
  }
}
