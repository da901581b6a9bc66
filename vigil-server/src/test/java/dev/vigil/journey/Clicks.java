package dev.vigil.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Browser;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a user does in the browser, one gesture a method: follow a link by its visible text, type
 * into a labelled field, pick an option, press a button, wait for what the page shows. Every wait
 * is explicit, polls every 100 ms and fails naming what it waited for.
 */
final class Clicks {

  private final Browser browser;
  private final ChromeDriver d;
  private final String base;

  Clicks(Browser browser, int port) {
    this.browser = browser;
    this.d = browser.driver();
    this.base = "http://127.0.0.1:" + port;
  }

  ChromeDriver driver() {
    return d;
  }

  String base() {
    return base;
  }

  /** Opens an address typed into the address bar (only the start page and login). */
  Clicks open(String path) {
    d.get(base + path);
    return this;
  }

  /** Logs in through the real login page and lands on the start page. */
  Clicks login(String username, String password) {
    open("/login");
    type("username", username);
    type("password", password);
    d.findElement(By.cssSelector("form button[type=submit]")).click();
    until(
        "the start page after logging in as " + username,
        x -> !d.getCurrentUrl().contains("/login"));
    assertThat(d.findElement(By.cssSelector(".userbox .username")).getText()).isEqualTo(username);
    return this;
  }

  Clicks logout() {
    d.findElement(By.cssSelector(".userbox button[type=submit]")).click();
    until("the login page after logging out", x -> d.getCurrentUrl().contains("/login"));
    return this;
  }

  /** Follows the main navigation's link under {@code group} (Provisioning, Infrastructure, ...). */
  Clicks nav(String group, String link) {
    WebElement g =
        d.findElements(By.cssSelector(".mainnav .navgroup")).stream()
            .filter(
                e ->
                    e.findElement(By.cssSelector(".navhead"))
                        .getAttribute("textContent")
                        .trim()
                        .equals(group))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no navigation group " + group));
    return clickAndWait(g.findElement(By.linkText(link)));
  }

  /** Follows a tab of the page's tab bar by its text. */
  Clicks tab(String text) {
    return clickAndWait(d.findElement(By.cssSelector("nav.tabs")).findElement(By.linkText(text)));
  }

  /** Follows a link in the page's content by its exact visible text. */
  Clicks link(String text) {
    return clickAndWait(d.findElement(By.id("content")).findElement(By.linkText(text)));
  }

  /** Presses the button or link whose visible text is {@code text}. */
  Clicks press(String text) {
    WebElement b =
        d.findElement(
            By.xpath(
                "//main//*[(self::button or self::a or self::summary)"
                    + " and normalize-space(.)='"
                    + text
                    + "']"));
    if (b.getTagName().equals("summary")) {
      b.click();
      return this;
    }
    return clickAndWait(b);
  }

  Clicks type(String id, String text) {
    WebElement f = d.findElement(By.id(id));
    f.clear();
    f.sendKeys(text);
    return this;
  }

  /** Sets a long text (a private key) as a user pasting it would. */
  Clicks paste(String id, String text) {
    d.executeScript("arguments[0].value = arguments[1]", d.findElement(By.id(id)), text);
    return this;
  }

  Clicks choose(String id, String visibleText) {
    new Select(d.findElement(By.id(id))).selectByVisibleText(visibleText);
    return this;
  }

  /** Picks an option whose change re-renders the form, and waits for the new page. */
  /**
   * Picks an option of a field whose change updates the form's pick lists in place (no reload) and
   * waits until the page says they were updated.
   */
  Clicks chooseAndUpdate(String id, String visibleText) {
    d.executeScript("document.getElementById('choices-status').textContent = ''");
    choose(id, visibleText);
    until(
        "the pick lists updated after choosing " + visibleText,
        x ->
            "Choices updated."
                .equals(x.findElement(By.id("choices-status")).getAttribute("textContent")));
    return this;
  }

  List<String> options(String id) {
    return new Select(d.findElement(By.id(id)))
        .getOptions().stream().map(WebElement::getText).toList();
  }

  String selected(String id) {
    return new Select(d.findElement(By.id(id))).getFirstSelectedOption().getText();
  }

  /** The visible text of the first element matching {@code css}. */
  String text(String css) {
    return d.findElement(By.cssSelector(css)).getText();
  }

  boolean has(String css) {
    return !d.findElements(By.cssSelector(css)).isEmpty();
  }

  /** Waits until the element matching {@code css} shows {@code expected} (the page may refresh). */
  Clicks waitFor(String css, String expected, Duration atMost) {
    new WebDriverWait(d, atMost, Duration.ofMillis(100))
        .withMessage(() -> css + " to show " + expected + " on " + d.getCurrentUrl())
        .until(
            x -> {
              List<WebElement> found = d.findElements(By.cssSelector(css));
              try {
                return !found.isEmpty() && found.get(0).getText().contains(expected);
              } catch (WebDriverException replacedMeanwhile) {
                return false;
              }
            });
    return this;
  }

  void until(String what, Function<WebDriver, Boolean> condition) {
    new WebDriverWait(d, Duration.ofSeconds(20), Duration.ofMillis(100))
        .withMessage(() -> what + " (at " + d.getCurrentUrl() + ")")
        .until(condition);
  }

  /** Resizes the window to {@code width} CSS pixels wide (a tablet is 768). */
  Clicks width(int width) {
    d.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1024));
    until(
        "the window to be " + width + " px wide",
        x -> ((Number) d.executeScript("return window.innerWidth")).intValue() == width);
    return this;
  }

  /** Asserts the page fits its window: nothing to scroll sideways to. */
  Clicks fitsTheWindow() {
    Number overflow =
        (Number)
            d.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow.intValue())
        .as("sideways scroll on " + d.getCurrentUrl())
        .isLessThanOrEqualTo(0);
    return this;
  }

  /** Asserts every time on the page is shown localised with its UTC instant on hover. */
  Clicks timesLocalWithUtcOnHover() {
    for (WebElement t : d.findElements(By.cssSelector("time[datetime]"))) {
      String utc = t.getAttribute("datetime");
      assertThat(t.getAttribute("title")).as("hover of " + utc).isEqualTo(utc);
      assertThat(t.getText()).as("shown time of " + utc).isNotBlank().isNotEqualTo(utc);
    }
    return this;
  }

  /** Presses Tab and asserts the element that got the keyboard focus shows an outline. */
  Clicks tabShowsFocus() {
    new org.openqa.selenium.interactions.Actions(d)
        .sendKeys(org.openqa.selenium.Keys.TAB)
        .perform();
    String outline =
        (String)
            d.executeScript(
                "var e = document.activeElement;"
                    + " return e === document.body ? 'none' : getComputedStyle(e).outlineStyle");
    assertThat(outline).as("the focused element's outline").isNotEqualTo("none");
    return this;
  }

  Clicks shot(String name) {
    browser.screenshot(name);
    return this;
  }

  /** Whether the page that held {@code old} has been replaced by a new document. */
  private static boolean replaced(WebElement old) {
    try {
      old.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    } catch (WebDriverException e) {
      // chromedriver's word for a node of a document that was just replaced
      return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }
  }

  private Clicks clickAndWait(WebElement target) {
    WebElement before = d.findElement(By.tagName("html"));
    target.click();
    until("the next page after the click", x -> replaced(before));
    until(
        "the page to load", x -> "complete".equals(d.executeScript("return document.readyState")));
    return this;
  }
}
