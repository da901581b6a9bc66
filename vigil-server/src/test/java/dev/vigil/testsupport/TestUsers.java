package dev.vigil.testsupport;

/** Creates users with a built-in role through the real admin API, for tests of other features. */
public final class TestUsers {

  private TestUsers() {}

  /**
   * Creates {@code username} with {@code password} holding the built-in role named {@code role}
   * (or, when it exists, gives it that password and role only).
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
    String body =
        "{\"user\":{\"username\":"
            + ApiClient.quote(username)
            + ",\"password\":"
            + ApiClient.quote(password)
            + ",\"roles\":[{\"id\":"
            + roleId
            + "}]}}";
    // on a shared application another test class may have made the same user: set it up again
    long existing = -1;
    for (var u : admin.get("/api/users?name=" + username).json().get("users")) {
      if (u.get("username").asString().equals(username)) {
        existing = u.get("id").asLong();
      }
    }
    ApiClient.Response r =
        existing < 0 ? admin.post("/api/users", body) : admin.put("/api/users/" + existing, body);
    if (r.status() != 200) {
      throw new IllegalStateException("could not create user " + username + ": " + r.body());
    }
  }
}
