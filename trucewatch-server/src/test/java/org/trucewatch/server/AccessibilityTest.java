package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * The pages the public and the member states read, checked in Chromium with Deque's axe-core
 * against the rules of WCAG 2.1 levels A and AA (the level the EU's Web Accessibility Directive
 * asks of public bodies' sites): the web map with a day loaded and a finding's popup open (with an
 * analyst's review form), the sign-in form, the period's report and daily reports with every
 * verdict's badge and a day not observed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityTest {
  private static final List<String> WCAG_21_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  Store store;
  Server server;
  String base;
  String analyst;
  CapSigner signer;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeAll
  void start() throws Exception {
    store = Store.open(Files.createTempDirectory("trucewatch-a11y-").toString());
    // the demo's 28 files (11-24 August 2025): findings of every verdict in the truce's first days
    Monitor monitor = new Monitor(store, Fixture.regions(), Fixture.classifier());
    monitor.useTerms(Fixture.TERMS);
    try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(Fixture.FIRMS)) {
      for (java.nio.file.Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        monitor.ingest(f, name, "fixture", Store.IngestListener.NONE, false);
      }
    }
    monitor.refreshIfStale();
    analyst = store.createToken("analyst-1", TokenScope.REVIEW);
    // a server that signs, so that the map says by whom
    signer =
        CapSignerTest.signer(
            Files.createTempDirectory("trucewatch-a11y-keys-"),
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1");
    server =
        Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(signer));
    base = "http://127.0.0.1:" + server.port();
    browser = HeadlessChromium.start(1400, 900);
    wait = HeadlessChromium.waiting(browser);
  }

  @AfterAll
  void stop() throws Exception {
    HeadlessChromium.quit(browser, server, store);
  }

  /** What axe-core finds against WCAG 2.1 AA on the page as it stands, one line a rule. */
  private List<String> violations() {
    Results r = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);
    assertThat(r.isErrored()).as(String.valueOf(r.getErrorMessage())).isFalse();
    return r.getViolations().stream().map(AccessibilityTest::said).toList();
  }

  private static String said(Rule v) {
    return v.getId()
        + " ("
        + v.getImpact()
        + "): "
        + v.getHelp()
        + " at "
        + v.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList();
  }

  @Test
  void theReportsAndTheirMethodMeetWcag21AaWithEveryVerdictsBadgeAndADayNotObserved() {
    browser.get(base + "/reports/report.html");
    // what the rules must see: a day not observed, in grey
    assertThat(browser.findElements(By.cssSelector("tr.unobserved"))).isNotEmpty();
    assertThat(violations()).isEmpty();
    // the daily reports of the days with findings, which between them show every verdict's badge
    java.util.Set<String> badges = new java.util.TreeSet<>();
    for (String day : List.of("2025-08-15", "2025-08-16", "2025-08-17")) {
      browser.get(base + "/reports/days/" + day + ".html");
      for (WebElement b : browser.findElements(By.cssSelector("b.v"))) {
        badges.add(b.getText());
      }
      assertThat(violations()).as(day).isEmpty();
    }
    assertThat(badges).contains("violation", "probable-violation", "possible");
    // and the page of the terms and the method that each of them links to, with its tables
    browser.get(base + "/reports/method.html");
    assertThat(browser.findElements(By.cssSelector("table th"))).hasSizeGreaterThan(20);
    assertThat(violations()).as("method.html").isEmpty();
  }

  @Test
  void theMapItsPopupWithAReviewFormAndTheSignInFormMeetWcag21Aa() {
    browser.get(base + "/signin");
    assertThat(violations()).isEmpty();
    WebMapInBrowserTest.signIn(browser, analyst);
    wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-day-loaded") != null);
    // the panel names who signs the PDFs and the fingerprint to check them against
    assertThat(browser.findElement(By.id("signing")).getText())
        .startsWith(
            "The PDFs and the CAP alerts are signed by Truce Watch test mission (certificate,")
        .contains(signer.fingerprint());
    assertThat(violations()).isEmpty();
    WebElement marker = browser.findElement(By.cssSelector("path.incident.verdict-possible"));
    browser.executeScript(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker);
    wait.until(
        d -> !d.findElements(By.cssSelector(".leaflet-popup-content form.review-form")).isEmpty());
    // the note's field is named by a label, not by a placeholder that goes when typed into
    WebElement note =
        browser.findElement(By.cssSelector(".leaflet-popup-content .review-form label textarea"));
    assertThat(note.findElement(By.xpath("..")).getText()).startsWith("Why (shown to every reader");
    assertThat(violations()).isEmpty();
  }

  /**
   * A day with more violations and probable violations than a page of the list (200 of each; here
   * 2, so that the test's day has more) lists them page by page: a button below the list lists the
   * next, the keyboard goes on at the first entry it added, and the last page leaves no button.
   */
  @Test
  void aReaderWithoutAMouseListsTheDaysViolationsPageByPage() throws Exception {
    String day = "2025-08-16";
    List<String> expected = new java.util.ArrayList<>();
    for (String verdict : List.of("violation", "probable-violation")) {
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(
              Fixture.get(base + "/api/v1/findings?limit=100&verdict=" + verdict + "&day=" + day)
                  .body())
          .path("items")
          .forEach(f -> expected.add(f.path("id").asText()));
    }
    assertThat(expected).hasSizeGreaterThan(4);
    browser.get(base + "/#2025-08-17");
    wait.until(
        d ->
            "2025-08-17".equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
    browser.executeScript("window.truceWatch.listPage = 2; location.hash = '#" + day + "'");
    wait.until(d -> day.equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
    WebElement list = browser.findElement(By.id("notable"));
    wait.until(d -> list.findElements(By.cssSelector("a[data-finding]")).size() == 4);
    assertThat(list.getText())
        .startsWith(
            "Violations and probable violations (" + expected.size() + " findings on this day)");
    int pages = 1;
    while (!list.findElements(By.cssSelector("button.more")).isEmpty()) {
      WebElement more = list.findElement(By.cssSelector("button.more"));
      int before = list.findElements(By.cssSelector("a[data-finding]")).size();
      int violationsBefore = violationEntries(list);
      assertThat(more.getText())
          .isEqualTo(
              "Show more ("
                  + (expected.size() - before)
                  + (expected.size() - before == 1 ? " finding" : " findings")
                  + " not listed yet)");
      more.sendKeys(org.openqa.selenium.Keys.ENTER);
      wait.until(d -> list.findElements(By.cssSelector("a[data-finding]")).size() > before);
      pages++;
      // the keyboard is at the first entry the page added: a violation after those listed, else
      // a probable violation after those
      WebElement focused = browser.switchTo().activeElement();
      assertThat(list.findElements(By.cssSelector("a[data-finding]")).indexOf(focused))
          .isEqualTo(violationEntries(list) > violationsBefore ? violationsBefore : before);
    }
    assertThat(pages).isGreaterThan(1);
    // every finding once, the violations first, each in its verdict's order as the API gives it
    assertThat(list.findElements(By.cssSelector("a[data-finding]")))
        .extracting(a -> a.getAttribute("data-finding"))
        .containsExactlyElementsOf(expected);
    assertThat(violations()).isEmpty();
  }

  private static int violationEntries(WebElement list) {
    return (int)
        list.findElements(By.cssSelector("a[data-finding]")).stream()
            .filter(a -> a.getText().startsWith("violation,"))
            .count();
  }

  /**
   * A reader without a mouse reaches the day's violations and probable violations from the list in
   * the day's panel, each a link that Enter follows to its finding on the map.
   */
  @Test
  void aReaderWithoutAMouseReachesEachViolationOfTheDayFromTheList() throws Exception {
    String day = "2025-08-16";
    long expected = 0;
    for (String verdict : List.of("violation", "probable-violation")) {
      expected +=
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(
                  Fixture.get(base + "/api/v1/findings?limit=1&verdict=" + verdict + "&day=" + day)
                      .body())
              .path("matched")
              .asLong();
    }
    assertThat(expected).isGreaterThan(1);
    browser.get(base + "/#" + day);
    wait.until(d -> day.equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
    WebElement list = browser.findElement(By.id("notable"));
    wait.until(d -> list.getAttribute("data-left") != null);
    assertThat(list.getText())
        .startsWith("Violations and probable violations (" + expected + " findings on this day)");
    List<WebElement> links = list.findElements(By.tagName("a"));
    assertThat(links).hasSize((int) expected);
    WebElement last = links.get(links.size() - 1);
    String incident = last.getAttribute("data-incident");
    last.sendKeys(org.openqa.selenium.Keys.ENTER);
    wait.until(
        d ->
            d.findElements(By.cssSelector(".leaflet-popup-content")).stream()
                .anyMatch(p -> p.getText().startsWith("Incident " + incident)));
    assertThat(violations()).isEmpty();
  }
}
