package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Browser;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.VigilSystemTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Small page faults in a real headless Chromium: a local server's page shows no SSH address, user,
 * credential or host key (an SSH server's does); ESC closes an open menu and gives the focus back
 * to its button; every page names a favicon that is served, also before sign-in.
 */
@VigilSystemTest
class PageChromeBrowserSystemTest {

  static final String PW = VigilSystemTest.ADMIN_PASSWORD;

  @LocalServerPort int port;

  @BeforeAll
  static void parts() {
    Browser.requireChromium();
  }

  @Test
  void localServersEscapeAndFavicon() throws Exception {
    ApiClient api = new ApiClient(port).login("admin", PW);
    long local = new FleetApi(api).localServer("a-local-server");
    ApiClient.Response cred =
        api.post(
            "/api/credentials",
            "{\"credential\":{\"name\":\"pw\",\"type\":\"username-password\","
                + "\"username\":\"scanner\",\"password\":\"not-used-here\"}}");
    assertThat(cred.status()).as(cred.body()).isEqualTo(200);
    ApiClient.Response ssh =
        api.post(
            "/api/servers",
            "{\"server\":{\"name\":\"an-ssh-server\",\"connectionType\":\"ssh\","
                + "\"sshHost\":\"127.0.0.1\",\"sshPort\":1,\"credential\":{\"id\":"
                + cred.json().get("credential").get("id").asLong()
                + "},\"privilegeMode\":\"root\"}}");
    assertThat(ssh.status()).as(ssh.body()).isEqualTo(200);
    long sshId = ssh.json().get("server").get("id").asLong();
    String base = "http://127.0.0.1:" + port;

    HttpResponse<byte[]> icon =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(icon.statusCode()).as("favicon before sign-in").isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
    assertThat(icon.body()).startsWith(0, 0, 1, 0);

    try (Browser browser = Browser.start()) {
      ChromeDriver d = browser.login(base, "admin", PW).driver();

      d.get(base + "/infrastructure/hosts/" + local);
      String facts = d.findElement(By.tagName("main")).getText();
      assertThat(facts).contains("local").doesNotContain("SSH user").doesNotContain("Host key");
      assertThat(d.findElements(By.id("server-address"))).isEmpty();
      d.get(base + "/infrastructure/hosts/" + sshId);
      assertThat(d.findElement(By.id("server-address")).getText()).isEqualTo("127.0.0.1:1");
      assertThat(d.findElement(By.tagName("main")).getText()).contains("SSH user", "Host key");

      String href =
          (String) d.executeScript("return document.querySelector('link[rel=icon]').href");
      assertThat(href).isEqualTo(base + "/favicon.ico");

      // the add form keeps its SSH fields for SSH only
      d.get(base + "/infrastructure/hosts/new");
      WebElement sshFields = d.findElement(By.id("ssh-fields"));
      assertThat(sshFields.isDisplayed()).as("SSH fields for SSH").isTrue();
      new org.openqa.selenium.support.ui.Select(d.findElement(By.id("connectionType")))
          .selectByValue("local");
      assertThat(sshFields.isDisplayed()).as("SSH fields for Local").isFalse();
      assertThat(d.findElement(By.id("privilegeMode")).isDisplayed()).isTrue();
      new org.openqa.selenium.support.ui.Select(d.findElement(By.id("connectionType")))
          .selectByValue("ssh");
      assertThat(d.findElement(By.id("hostKeyFingerprint")).isDisplayed()).isTrue();

      d.get(base + "/provisioning/jobs/security-packages");
      WebElement add = d.findElement(By.id("add-package"));
      WebElement menu = add.findElement(By.xpath(".."));
      add.click();
      assertThat(menu.getAttribute("open")).isNotNull();
      assertThat(d.findElement(By.id("add-scap-package")).isDisplayed()).isTrue();
      d.switchTo().activeElement().sendKeys(Keys.ESCAPE);
      assertThat(menu.getAttribute("open")).as("ESC closed the menu").isNull();
      assertThat(d.findElement(By.id("add-scap-package")).isDisplayed()).isFalse();
      assertThat(d.switchTo().activeElement()).isEqualTo(add);
    }
  }
}
