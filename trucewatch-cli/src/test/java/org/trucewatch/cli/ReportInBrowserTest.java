package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.trucewatch.server.HeadlessChromium;

/**
 * The demo's report.html in Debian's headless Chromium (needs the chromium and chromium-driver
 * packages, which .ci/run installs), and its report.pdf read back with PDFBox.
 */
class ReportInBrowserTest {
  @TempDir static Path dir;
  static ChromeDriver browser;

  @BeforeAll
  static void setUp() {
    CliTest.Run r =
        CliTest.run("demo", "--data", DemoReportTest.DATA.toString(), "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    browser = HeadlessChromium.start(1200, 1600);
  }

  @AfterAll
  static void tearDown() throws Exception {
    HeadlessChromium.quit(browser);
  }

  @Test
  void rendersWithoutConsoleErrorsAndShowsTheMap() {
    browser.get(dir.resolve("report.html").toUri().toString());
    assertThat(browser.getTitle()).startsWith("Truce Watch report");
    WebElement map = browser.findElement(By.id("map"));
    assertThat(map.isDisplayed()).isTrue();
    assertThat(map.getSize().getWidth()).isGreaterThan(500);
    assertThat(browser.findElements(By.cssSelector("#map #line-of-contact"))).hasSize(1);
    // the line of contact is drawn over the incidents that crowd along it: at points along the
    // line, the topmost element is the line itself
    @SuppressWarnings("unchecked")
    List<String> topmost =
        (List<String>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "var line = document.getElementById('line-of-contact');"
                        + " var m = line.getScreenCTM(); var n = line.getTotalLength(); var out = [];"
                        + " for (var k = 1; k < 20; k++) {"
                        + "   var p = line.getPointAtLength(n * k / 20);"
                        + "   var e = document.elementFromPoint("
                        + "       m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f);"
                        + "   out.push(e === null ? 'none' : (e.id || e.getAttribute('class')"
                        + " || e.tagName)); }"
                        + " return out;");
    assertThat(topmost).hasSize(19).containsOnly("line-of-contact");
    assertThat(browser.findElements(By.cssSelector("#map #oblasts path"))).hasSize(27);
    List<WebElement> violations = browser.findElements(By.cssSelector("#map circle.violation"));
    assertThat(violations).isNotEmpty();
    assertThat(browser.findElement(By.id("chart")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("method-version")).getText())
        .isEqualTo(org.trucewatch.run.MethodVersion.CURRENT);
    assertThat(browser.findElements(By.cssSelector("#days tr.unobserved"))).hasSize(20);
    List<LogEntry> severe =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(severe).isEmpty();
  }

  @Test
  void aDailyReportRendersAndLeadsToItsNeighboursAndThePeriod() {
    // from the period's table of days
    browser.get(dir.resolve("report.html").toUri().toString());
    browser.findElement(By.cssSelector("#day-2025-08-16 a")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/days/2025-08-16.html");
    assertThat(browser.getTitle()).startsWith("Truce Watch daily report, 16 Aug 2025");
    assertThat(browser.findElements(By.cssSelector("#notable li.finding"))).isNotEmpty();
    assertThat(browser.findElement(By.id("by-side")).isDisplayed()).isTrue();
    browser.findElement(By.cssSelector("a[rel=next]")).click();
    assertThat(browser.getTitle()).startsWith("Truce Watch daily report, 17 Aug 2025");
    browser.findElement(By.cssSelector("a[rel=up]")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/report.html#day-2025-08-17");
    assertThat(browser.getTitle()).startsWith("Truce Watch report");
    List<LogEntry> severe =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(severe).isEmpty();
  }

  @Test
  void thePdfHasReadablePages() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(dir.resolve("report.pdf")))) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(3);
      String first =
          new PDFTextStripper() {
            {
              setStartPage(1);
              setEndPage(1);
            }
          }.getText(pdf);
      assertThat(first)
          .contains("Truce Watch report")
          .contains("Summary")
          .contains(org.trucewatch.run.MethodVersion.CURRENT);
      String all = new PDFTextStripper().getText(pdf);
      assertThat(all).contains("Notable incidents").contains("not observed");
      // each day of the table links to its daily report beside the PDF, and the method note to
      // the terms and the method
      List<String> links = new java.util.ArrayList<>();
      for (var page : pdf.getPages()) {
        for (var a : page.getAnnotations()) {
          if (a instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink l
              && l.getAction()
                  instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI u) {
            links.add(u.getURI());
          }
        }
      }
      assertThat(links).hasSize(36).contains("days/2025-08-16.html", "method.html");
      assertThat(links).allSatisfy(l -> assertThat(dir.resolve(l)).exists());
    }
  }

  /** The structure elements under {@code node}, each by its type, in reading order. */
  private static void structure(
      Object node,
      List<org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement>
          into) {
    if (node
        instanceof
        org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode n) {
      for (Object kid : n.getKids()) {
        if (kid
            instanceof
            org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement e) {
          into.add(e);
        }
        structure(kid, into);
      }
    }
  }

  /**
   * The PDF is tagged (PDF/UA): it says its language and shows its title, its headings, lists and
   * tables are marked as such, and its two figures (the map and the chart) carry their text.
   */
  @Test
  void thePdfIsTaggedForScreenReaders() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(dir.resolve("report.pdf")))) {
      var catalog = pdf.getDocumentCatalog();
      assertThat(catalog.getLanguage()).isEqualTo("en");
      assertThat(catalog.getMarkInfo().isMarked()).isTrue();
      assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
      assertThat(pdf.getDocumentInformation().getTitle()).startsWith("Truce Watch report: ");
      List<org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement>
          elements = new java.util.ArrayList<>();
      structure(catalog.getStructureTreeRoot(), elements);
      List<String> types = elements.stream().map(e -> e.getStructureType()).toList();
      assertThat(types).contains("H1", "H2", "Table", "TH", "TD", "L", "LI", "Link");
      assertThat(
              elements.stream()
                  .filter(e -> e.getStructureType().equals("Figure"))
                  .map(e -> e.getAlternateDescription())
                  .toList())
          .containsExactly("Map of the incidents", "Detections per report day");
    }
    // and PDF/UA-1 as veraPDF, the reference validator, judges it
    assertThat(org.trucewatch.server.PdfUa.broken(Files.readAllBytes(dir.resolve("report.pdf"))))
        .isEmpty();
  }
}
