package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.store.Store;

/**
 * The web map in Debian's headless Chromium, served by a real server over a real store with the
 * demo truce and two days of FIRMS data: it loads with its layers, the day slider changes the day
 * and its totals, and a click on an incident shows its finding with reasoning and evidence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebMapInBrowserTest {
  static final ObjectMapper JSON = new ObjectMapper();

  Store store;
  Monitor monitor;
  Server server;
  String base;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeAll
  void start() throws Exception {
    store = Store.open(Files.createTempDirectory("trucewatch-map-").toString());
    monitor = Fixture.loaded(store, 4);
    server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""));
    base = "http://127.0.0.1:" + server.port();
    browser = HeadlessChromium.start(1400, 900);
    wait = HeadlessChromium.waiting(browser);
  }

  @AfterAll
  void stop() throws Exception {
    HeadlessChromium.quit(browser, server, store);
  }

  private String loadedDay() {
    return browser.findElement(By.tagName("body")).getAttribute("data-day-loaded");
  }

  private JsonNode day(String date) throws Exception {
    for (JsonNode d : JSON.readTree(Fixture.get(base + "/api/v1/map").body()).path("days")) {
      if (d.path("date").asText().equals(date)) {
        return d;
      }
    }
    throw new AssertionError("no day " + date);
  }

  /** The position of a day on the slider: its index among the map's days. */
  private int dayIndex(String date) throws Exception {
    JsonNode days = JSON.readTree(Fixture.get(base + "/api/v1/map").body()).path("days");
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).path("date").asText().equals(date)) {
        return i;
      }
    }
    throw new AssertionError("no day " + date);
  }

  private long stored(String layer, String date) throws Exception {
    return JSON.readTree(Fixture.get(base + "/api/v1/" + layer + "?limit=1&day=" + date).body())
        .path("matched")
        .asLong();
  }

  /**
   * How many of a layer's items of a report day have a verdict (observations: their incident's).
   */
  private long matched(String layer, String verdict, String date) throws Exception {
    return JSON.readTree(
            Fixture.get(base + "/api/v1/" + layer + "?limit=1&verdict=" + verdict + "&day=" + date)
                .body())
        .path("matched")
        .asLong();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private String total(String key) {
    return browser.findElement(By.cssSelector("#day-totals td[data-key='" + key + "']")).getText();
  }

  /** Types {@code token} into the sign-in form the browser shows, and signs in. */
  static void signIn(ChromeDriver b, String token) {
    WebDriverWait w = HeadlessChromium.waiting(b);
    w.until(d -> !d.findElements(By.id("token")).isEmpty());
    b.findElement(By.id("token")).sendKeys(token);
    WebElement button = b.findElement(By.id("sign-in"));
    button.click();
    // the form's answer replaces the page: until then, what is found is still the form's
    w.until(ExpectedConditions.stalenessOf(button));
  }

  /** Waits until the map has loaded a day. */
  private static void dayLoaded(ChromeDriver b) {
    HeadlessChromium.waiting(b)
        .until(
            d -> {
              String day = d.findElement(By.tagName("body")).getAttribute("data-day-loaded");
              return day != null && !day.isEmpty();
            });
  }

  /**
   * A private server ({@code serve --private}): a browser opening the map is shown the sign-in
   * form, and signed in with a read token loads the map and its data; signed out, it is shown the
   * form again.
   */
  @Test
  void aPrivateServersMapLoadsInABrowserSignedInWithAReadTokenUntilItSignsOut() throws Exception {
    String token =
        store.createToken(
            "browser-reader",
            org.trucewatch.store.TokenScope.READ,
            "PL",
            java.time.Instant.parse("2099-10-15T18:30:00Z"));
    try (Server closed =
        Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
      String url = "http://127.0.0.1:" + closed.port();
      assertThat(Fixture.get(url + "/api/v1/map").statusCode()).isEqualTo(401);
      // a browser of its own, whose cookie the other tests do not see
      ChromeDriver signedIn = HeadlessChromium.start(1400, 900);
      try {
        signedIn.get(url + "/");
        assertThat(signedIn.getCurrentUrl()).isEqualTo(url + "/signin?next=%2F");
        signIn(signedIn, token);
        dayLoaded(signedIn);
        assertThat(signedIn.findElement(By.id("truce-name")).getText())
            .startsWith("Demonstration truce");
        WebDriverWait w = HeadlessChromium.waiting(signedIn);
        w.until(
            d ->
                "browser-reader"
                    .equals(d.findElement(By.tagName("body")).getAttribute("data-reader")));
        assertThat(signedIn.findElement(By.id("signin")).getText())
            .isEqualTo("signed in as browser-reader (PL), until 2099-10-15 18:30 UTC · sign out");
        signedIn.findElement(By.id("signin")).click();
        w.until(d -> d.getCurrentUrl().endsWith("/signin?signed-out"));
        assertThat(signedIn.findElement(By.id("note")).getText()).isEqualTo("Signed out.");
        signedIn.get(url + "/");
        assertThat(signedIn.getCurrentUrl()).isEqualTo(url + "/signin?next=%2F");
      } finally {
        signedIn.quit();
      }
    }
  }

  /**
   * A page of another origin (another port) reads the API with fetch: the browser lets it only when
   * the server names that origin with --cors-origin, and then it can read the count header.
   */
  @Test
  void aPageOfAnotherOriginReadsTheApiOnlyWhenTheServerAllowsIt() throws Exception {
    Javalin pages =
        Javalin.create(
                c ->
                    c.routes.get(
                        "/",
                        ctx ->
                            ctx.html(
                                "<!doctype html><body><script>fetch('"
                                    + ctx.queryString()
                                    + "/api/v1/incidents?limit=2').then(function (r) {"
                                    + " document.body.dataset.total ="
                                    + " r.headers.get('X-Total-Count'); return r.json(); })"
                                    + ".then(function (j) {"
                                    + " document.body.dataset.read = j.items.length; })"
                                    + ".catch(function () {"
                                    + " document.body.dataset.read = 'refused'; });"
                                    + "</script></body>")))
            .start("127.0.0.1", 0);
    String origin = "http://127.0.0.1:" + pages.port();
    try (Server open =
        Server.start(
            monitor,
            new Server.Options(
                "127.0.0.1",
                0,
                "",
                "",
                List.of(origin),
                false,
                null,
                null,
                null,
                null,
                TrustedProxies.LOOPBACK))) {
      long matched =
          JSON.readTree(Fixture.get(base + "/api/v1/incidents?limit=1").body())
              .path("matched")
              .asLong();
      assertThat(readFrom(origin, "http://127.0.0.1:" + open.port())).isEqualTo("2");
      assertThat(browser.findElement(By.tagName("body")).getAttribute("data-total"))
          .isEqualTo(Long.toString(matched));
      // the server started without --cors-origin: the browser keeps the answer from the page
      assertThat(readFrom(origin, base)).isEqualTo("refused");
    } finally {
      pages.stop();
      browser.manage().logs().get(LogType.BROWSER); // the refusal is logged; empty the log
    }
  }

  /** A grey tile, as a tile server answers. */
  private static byte[] tile() throws java.io.IOException {
    java.awt.image.BufferedImage grey =
        new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(grey, "png", png);
    return png.toByteArray();
  }

  /**
   * The pages' security headers: the map under its Content Security Policy loads its own files, its
   * data and the tiles of the server it is given, with nothing refused in the browser's console; a
   * page of another site that frames the map is refused by the browser; a PDF is served without the
   * policy, every answer with {@code nosniff}.
   */
  @Test
  void theMapLoadsUnderItsPolicyWithItsTilesAndAnotherSitesPageCannotFrameIt() throws Exception {
    byte[] tile = tile();
    Javalin other =
        Javalin.create(
                c -> {
                  c.routes.get(
                      "/tiles/{z}/{x}/{y}", ctx -> ctx.contentType("image/png").result(tile));
                  c.routes.get("/favicon.ico", ctx -> ctx.status(204));
                  c.routes.get(
                      "/",
                      ctx ->
                          ctx.html(
                              "<!doctype html><body><iframe id=\"framed\" src=\""
                                  + ctx.queryString()
                                  + "/\" width=\"800\" height=\"600\"></iframe></body>"));
                })
            .start("127.0.0.1", 0);
    String otherSite = "http://127.0.0.1:" + other.port();
    String tiles = otherSite + "/tiles/{z}/{x}/{y}.png";
    try (Server tiled =
        Server.start(monitor, new Server.Options("127.0.0.1", 0, tiles, "test tiles"))) {
      String map = "http://127.0.0.1:" + tiled.port();
      HttpResponse<String> page = Fixture.get(map + "/");
      String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(policy)
          .contains(
              "script-src 'self';", "frame-ancestors 'self'", "img-src 'self' data: " + otherSite);
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("Referrer-Policy"))
          .hasValue("strict-origin-when-cross-origin");
      HttpResponse<String> pdf = Fixture.get(map + "/reports/report.pdf");
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.headers().firstValue("Content-Security-Policy")).isEmpty();
      assertThat(pdf.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      browser.manage().logs().get(LogType.BROWSER); // empty the log
      browser.get(map + "/");
      wait.until(d -> loadedDay() != null);
      wait.until(d -> !d.findElements(By.cssSelector("img.leaflet-tile-loaded")).isEmpty());
      assertThat(HeadlessChromium.errors(browser)).isEmpty();

      // another site's page that frames the map: the browser refuses the frame, and says why
      browser.get(otherSite + "/?" + map);
      wait.until(
          d ->
              d.manage().logs().get(LogType.BROWSER).getAll().stream()
                  .anyMatch(e -> e.getMessage().contains("frame-ancestors")));
    } finally {
      browser.get("about:blank");
      other.stop();
      browser.manage().logs().get(LogType.BROWSER); // the refusal is logged; empty the log
    }
  }

  @Test
  void onAPhoneTheMapSpansTheScreenAboveTheDaysPanel() {
    Dimension desk = browser.manage().window().getSize();
    try {
      // a desk: the panel beside the map, every layer listed
      browser.get(base + "/");
      wait.until(d -> loadedDay() != null);
      Rectangle map = browser.findElement(By.id("map")).getRect();
      Rectangle panel = browser.findElement(By.id("controls")).getRect();
      assertThat(panel.getX() + panel.getWidth()).isLessThanOrEqualTo(map.getX());
      assertThat(layersClass()).contains("leaflet-control-layers-expanded");

      // a phone: the map across the screen, the panel below it, the layers behind their button
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get(base + "/");
      wait.until(d -> loadedDay() != null);
      map = browser.findElement(By.id("map")).getRect();
      panel = browser.findElement(By.id("controls")).getRect();
      long width = (Long) browser.executeScript("return document.documentElement.clientWidth;");
      assertThat((long) map.getWidth()).isEqualTo(width);
      assertThat(map.getHeight()).isGreaterThan(300);
      assertThat(panel.getY()).isGreaterThanOrEqualTo(map.getY() + map.getHeight());
      assertThat(layersClass()).doesNotContain("leaflet-control-layers-expanded");
    } finally {
      browser.manage().window().setSize(desk);
    }
  }

  /** The text of each popup that a click on a marker of {@code markerCss} opens, in turn. */
  private List<String> findingPopups(String markerCss) {
    List<String> popups = new java.util.ArrayList<>();
    for (WebElement marker : browser.findElements(By.cssSelector(markerCss))) {
      browser.executeScript(
          "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker);
      popups.add(shownPopup(".leaflet-popup-content", "clause").getText());
      browser.executeScript("document.querySelector('.leaflet-popup-close-button').click()");
      wait.until(d -> d.findElements(By.cssSelector(".leaflet-popup-content")).isEmpty());
    }
    return popups;
  }

  /**
   * The first element of an open popup that matches {@code css} and whose text holds {@code text},
   * once it can be read: a popup fades in, and until its opacity rises Selenium reads its text as
   * empty.
   */
  private WebElement shownPopup(String css, String text) {
    return wait.until(
        d ->
            d.findElements(By.cssSelector(css)).stream()
                .filter(e -> !e.getText().isEmpty() && e.getText().contains(text))
                .findFirst()
                .orElse(null));
  }

  private String layersClass() {
    return browser.findElement(By.cssSelector(".leaflet-control-layers")).getAttribute("class");
  }

  /** Opens the other origin's page that reads {@code api}; returns what it could read. */
  private String readFrom(String origin, String api) {
    browser.get(origin + "/?" + api);
    wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-read") != null);
    return browser.findElement(By.tagName("body")).getAttribute("data-read");
  }

  @Test
  void aDayWithOneDetectionSaysSoInTheSingular() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-one-");
    java.nio.file.Path file = dir.resolve("one.csv");
    Files.writeString(
        file,
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,"
            + "version,bright_ti5,frp,daynight\n"
            + "48.51493,37.27601,340.1,0.4,0.4,2025-08-16,0210,N20,n,2.0NRT,290.2,4.1,N\n",
        java.nio.charset.StandardCharsets.UTF_8);
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = new Monitor(one, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      m.ingest(file, "one.csv", "test", Store.IngestListener.NONE);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        browser.get("http://127.0.0.1:" + s.port() + "/#2025-08-16");
        wait.until(d -> "2025-08-16".equals(loadedDay()));
        assertThat(browser.findElement(By.id("status")).getText())
            .isEqualTo("2025-08-16: 1 detection, 1 incident shown");
        WebElement marker = browser.findElement(By.cssSelector("path.incident"));
        browser.executeScript(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker);
        WebElement popup = shownPopup(".leaflet-popup-content", " by ");
        assertThat(popup.getText()).contains(": 1 detection by VIIRS/N20");
      }
    }
  }

  /**
   * A monitor of {@code store} under the demo terms with one fire of NOAA-20 at 02:10 UTC on 16
   * August 2025 and the surveillance reports of {@code reportsCsv}, both ingested from {@code dir}.
   */
  private static Monitor fireAndReports(Store store, java.nio.file.Path dir, String reportsCsv)
      throws Exception {
    java.nio.file.Path fire = dir.resolve("one.csv");
    Files.writeString(
        fire,
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,"
            + "version,bright_ti5,frp,daynight\n"
            + "48.51493,37.27601,340.1,0.4,0.4,2025-08-16,0210,N20,n,2.0NRT,290.2,4.1,N\n",
        java.nio.charset.StandardCharsets.UTF_8);
    java.nio.file.Path reports = dir.resolve("reports.csv");
    Files.writeString(reports, reportsCsv, java.nio.charset.StandardCharsets.UTF_8);
    Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
    m.useTerms(Fixture.TERMS);
    m.ingest(fire, "one.csv", "test", Store.IngestListener.NONE);
    m.ingest(reports, "reports.csv", "test", Store.IngestListener.NONE);
    return m;
  }

  /** A watch log ingested into the monitor's store from {@code dir}. */
  private static void watchLog(Monitor m, java.nio.file.Path dir, String csv) throws Exception {
    java.nio.file.Path log = dir.resolve("watch.csv");
    Files.writeString(log, csv, java.nio.charset.StandardCharsets.UTF_8);
    m.ingest(log, "watch.csv", "test", Store.IngestListener.NONE);
  }

  /**
   * The terms' sectors are a layer of the map; the API serves and filters incidents, findings and
   * detections by sector, and an incident's popup names it.
   */
  @Test
  void theTermsSectorsAreDrawnAsALayerThatNamesThem() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-sectors-");
    java.nio.file.Path terms = dir.resolve("terms.yaml");
    Files.writeString(
        terms,
        Files.readString(Fixture.TERMS, java.nio.charset.StandardCharsets.UTF_8)
                .replace(
                    "control_map: ../",
                    "control_map: " + Fixture.DATA.toString().replace('\\', '/') + "/")
            + "\nsectors:\n"
            + "  - id: east\n"
            + "    name: Sector East\n"
            + "    geometry: {type: Polygon, coordinates: [[[36.5, 47.5], [40.2, 47.5], [40.2, 50.5],"
            + " [36.5, 50.5], [36.5, 47.5]]]}\n"
            + "  - id: south\n"
            + "    name: Sector South\n"
            + "    geometry: {type: Polygon, coordinates: [[[32.0, 46.0], [38.0, 46.0], [38.0, 48.5],"
            + " [32.0, 48.5], [32.0, 46.0]]]}\n",
        java.nio.charset.StandardCharsets.UTF_8);
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = new Monitor(one, Fixture.regions(), Fixture.classifier());
      m.useTerms(terms);
      String f = Fixture.FILES.get(0);
      m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String url = "http://127.0.0.1:" + s.port();
        JsonNode sectors = JSON.readTree(Fixture.get(url + "/api/v1/sectors").body());
        assertThat(sectors.findValuesAsText("name")).containsExactly("Sector East", "Sector South");
        browser.get(url + "/");
        wait.until(d -> loadedDay() != null);
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-layers").split("\\|"))
            .startsWith(
                "oblasts",
                "zones (buffer, exclusion)",
                "monitoring sectors",
                "background areas (static sources, known fire areas)");
        assertThat(browser.findElements(By.cssSelector(".leaflet-sectors-pane path"))).hasSize(2);

        // the API serves and filters each incident and finding by the sector of its place
        String day = loadedDay();
        JsonNode south =
            JSON.readTree(
                Fixture.get(url + "/api/v1/incidents?limit=5000&sector=south&day=" + day).body());
        assertThat(south.path("matched").asInt()).isPositive();
        assertThat(south.path("items").findValuesAsText("sector")).containsOnly("Sector South");
        JsonNode none =
            JSON.readTree(
                Fixture.get(url + "/api/v1/findings?limit=5000&sector=none&day=" + day).body());
        assertThat(none.path("matched").asInt()).isPositive();
        assertThat(none.path("items").findValuesAsText("sector_id")).containsOnly("");
        JsonNode ogc =
            JSON.readTree(
                Fixture.get(url + "/ogc/collections/observations/items?sector=east&limit=1")
                    .body());
        assertThat(ogc.at("/features/0/properties/sector").asText()).isEqualTo("Sector East");
        JsonNode ogcSectors =
            JSON.readTree(Fixture.get(url + "/ogc/collections/sectors/items").body());
        assertThat(ogcSectors.path("features").findValuesAsText("name"))
            .containsExactly("Sector East", "Sector South");
        java.net.http.HttpResponse<String> misspelt =
            Fixture.get(url + "/api/v1/incidents?sector=West");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(misspelt.body()).contains("sector must be one of east, south or none, was West");

        // and an incident's popup names its sector
        JsonNode possible =
            JSON.readTree(
                Fixture.get(url + "/api/v1/incidents?limit=5000&verdict=possible&day=" + day)
                    .body());
        List<String> expected = possible.path("items").findValuesAsText("sector");
        assertThat(expected).isNotEmpty();
        List<String> popups = findingPopups("path.verdict-possible");
        assertThat(popups).hasSameSizeAs(expected);
        for (String sector : expected) {
          if (sector.isEmpty()) {
            assertThat(popups).anySatisfy(t -> assertThat(t).doesNotContain("sector:"));
          } else {
            assertThat(popups).anySatisfy(t -> assertThat(t).contains("sector: " + sector + ","));
          }
        }

        // the sector choice zooms to a sector and shows only what lies in it
        org.openqa.selenium.support.ui.Select choice =
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sector")));
        assertThat(choice.getOptions())
            .extracting(WebElement::getText)
            .containsExactly("all sectors", "Sector East", "Sector South", "outside the sectors");
        int all = browser.findElements(By.cssSelector("path.incident")).size();
        int inSectors = 0;
        for (String[] c :
            new String[][] {{"south", " in Sector South"}, {"none", " outside the sectors"}}) {
          choice.selectByValue(c[0]);
          int matched =
              JSON.readTree(
                      Fixture.get(url + "/api/v1/incidents?limit=1&sector=" + c[0] + "&day=" + day)
                          .body())
                  .path("matched")
                  .asInt();
          wait.until(d -> d.findElement(By.id("status")).getText().contains(" shown" + c[1]));
          assertThat(browser.findElements(By.cssSelector("path.incident"))).hasSize(matched);
          assertThat(browser.findElement(By.id("status")).getText())
              .contains("(" + (all - matched) + " hidden by the legend or the sector)");
          inSectors += matched;
        }
        choice.selectByValue("");
        wait.until(d -> !d.findElement(By.id("status")).getText().contains(" shown "));
        assertThat(browser.findElements(By.cssSelector("path.incident"))).hasSize(all);
        assertThat(inSectors).isPositive().isLessThanOrEqualTo(all);
      }
    }
  }

  @Test
  void anIncidentOfReportsSaysWhoReportedWhat() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-reports-");
    String reports =
        "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event\n"
            + "R-1,CAM-1,camera,2025-08-16T02:20Z,48.5150,37.2761,500,explosion\n"
            + "R-2,OBS-2,observer,2025-08-16T08:00Z,47.9000,37.5000,2000,gunfire\n"
            + "R-3,AC-1,acoustic,2025-08-16T08:02Z,47.9100,37.5200,4000,gunfire\n";
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = fireAndReports(one, dir, reports);
      // the camera watched the whole day but for an hour; the acoustic sensor was off an hour
      watchLog(
          m,
          dir,
          "source_id,source_kind,from,to,status,note\n"
              + "CAM-1,camera,2025-08-15T16:30Z,2025-08-16T16:30Z,watching,\n"
              + "CAM-1,camera,2025-08-16T05:00Z,2025-08-16T06:00Z,offline,power\n"
              + "AC-1,acoustic,2025-08-16T09:00Z,2025-08-16T10:00Z,offline,\n");
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        browser.get("http://127.0.0.1:" + s.port() + "/#2025-08-16");
        wait.until(d -> "2025-08-16".equals(loadedDay()));
        assertThat(browser.findElement(By.id("status")).getText())
            .isEqualTo(
                "2025-08-16: 1 detection, 2 incidents shown; 0 of 3 surveillance reports released"
                    + " to you");
        assertThat(browser.findElement(By.cssSelector("#day-totals .reported")).getText())
            .isEqualTo(
                "3 surveillance reports of this day; the daily report counts them by event.");
        assertThat(browser.findElement(By.cssSelector("#day-totals .watched")).getText())
            .isEqualTo(
                "Watch logs: 1 surveillance source watched for part or all of this day, 2 were"
                    + " offline for part of it; the daily report gives the hours.");
        List<String> popups = findingPopups("path.incident");
        assertThat(popups)
            .anySatisfy(
                t ->
                    assertThat(t)
                        .contains(": 1 detection and 1 report by VIIRS/N20, camera:CAM-1")
                        // the report is the mission's, so the public is not given its file
                        .contains("withheld 2025-08-16T02:20:00Z camera:CAM-1 report: explosion")
                        .doesNotContain("reports.csv"))
            .anySatisfy(
                t ->
                    assertThat(t)
                        .contains(": 2 reports by acoustic:AC-1, observer:OBS-2")
                        // whose ground, in the terms' words as the daily reports say it
                        .contains("ground held by the Russian Federation's armed forces; first")
                        .contains("out-of-scope — clause C1")
                        .contains("No satellite thermal anomaly belongs to this incident"));
      }
    }
  }

  /**
   * The popup of a violation links its CAP message, which the server serves as the finding's
   * current message; a finding of another verdict on the same map links none.
   */
  @Test
  void theFindingOfAViolationLinksItsCapMessage() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-cap-");
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m =
          CapServerTest.assessed(
              one, dir, SurveillanceReportsServerTest.termsWithReportClause(dir), Fixture.GUNFIRE);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        openTheOnlyViolation(base, "2025-08-16");
        shownPopup(".leaflet-popup-content", "violation — clause C2");
        List<String> links = new java.util.ArrayList<>();
        for (WebElement f :
            browser.findElements(By.cssSelector(".leaflet-popup-content .finding"))) {
          List<WebElement> cap = f.findElements(By.cssSelector("a.cap"));
          String verdict = f.findElement(By.tagName("h3")).getText();
          if (verdict.startsWith("violation ")) {
            assertThat(cap).singleElement();
            links.add(cap.get(0).getAttribute("href"));
          } else {
            assertThat(cap).as(verdict).isEmpty();
          }
        }
        assertThat(links).hasSize(1);
        String message = Fixture.get(links.get(0)).body();
        CapTest.validate(message);
        org.w3c.dom.Document doc = CapTest.parse(message);
        assertThat(CapTest.texts(doc, "msgType")).containsExactly("Alert");
        assertThat(CapTest.pair(doc, "parameter", "clause_id")).isEqualTo("C2");
        assertThat(CapTest.texts(doc, "identifier"))
            .containsExactly(one.alertMessages(java.time.Instant.EPOCH, 10).get(0).identifier());
      }
    }
  }

  /** Opens the map of {@code day} and clicks the one incident with a finding of violation. */
  private void openTheOnlyViolation(String base, String day) {
    openTheOnly(browser, base, day, "violation");
  }

  /** Opens, in {@code b}, the map of {@code day} and clicks its one incident of {@code verdict}. */
  private static void openTheOnly(ChromeDriver b, String base, String day, String verdict) {
    b.get(base + "/#" + day);
    HeadlessChromium.waiting(b)
        .until(d -> day.equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
    List<WebElement> incidents = b.findElements(By.cssSelector("path.incident.verdict-" + verdict));
    assertThat(incidents).hasSize(1);
    b.executeScript(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", incidents.get(0));
  }

  /** A file in {@code dir} of an observer's report of the explosion the camera reported. */
  private static java.nio.file.Path observerReport(java.nio.file.Path dir) throws Exception {
    return Files.writeString(
        dir.resolve("observer.csv"),
        Fixture.REPORTS + Fixture.EXPLOSION_OBSERVED,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * An analyst's review shows in its finding's popup, told apart as a person's judgement and, once
   * a second source has joined the incident, as made of the finding as it then stood.
   */
  @Test
  void anAnalystsReviewShowsInItsFindingsPopupAsAPersonsJudgement() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-review-");
    java.nio.file.Path observer = observerReport(dir);
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = CapServerTest.explosionInTheBuffer(one, dir);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String url = "http://127.0.0.1:" + s.port();
        String id =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Fixture.get(url + "/api/v1/findings?verdict=probable-violation").body())
                .path("items")
                .get(0)
                .path("id")
                .asText();
        one.review(id, "not-upheld", "The camera faced a stubble burn <b>.", "analyst-1")
            .orElseThrow();
        m.ingest(observer, "observer.csv", "test", Store.IngestListener.NONE);
        openTheOnlyViolation(url, "2025-08-17");
        assertThat(shownPopup(".leaflet-popup-content .review", "Analyst review").getText())
            .matches(
                "Analyst review, not the method's: not-upheld by analyst-1 on"
                    + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(made when the finding rested on"
                    + " 1 evidence row, verdict probable-violation\\): The camera faced a stubble"
                    + " burn <b>\\.");
      }
    }
  }

  /**
   * A map left open notices a newer assessment (it asks each minute; here the test asks it) and
   * says so, showing the day anew only when the reader asks: an observer's report joins the
   * incident, and the probable violation shown becomes a violation once the reader clicks.
   */
  @Test
  void aMapLeftOpenOffersANewerAssessmentAndShowsItWhenAsked() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-newer-");
    java.nio.file.Path observer = observerReport(dir);
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = CapServerTest.explosionInTheBuffer(one, dir);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String url = "http://127.0.0.1:" + s.port();
        browser.get("about:blank");
        browser.get(url + "/#2025-08-17");
        WebDriverWait w = HeadlessChromium.waiting(browser);
        w.until(
            d ->
                "2025-08-17"
                    .equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
        WebElement newer = browser.findElement(By.id("newer"));
        String asOf = browser.findElement(By.id("as-of")).getText();
        // nothing newer: nothing said
        browser.executeScript("return window.truceWatch.checkForNewer()");
        assertThat(newer.isDisplayed()).isFalse();

        m.ingest(observer, "observer.csv", "test", Store.IngestListener.NONE);
        browser.executeScript("return window.truceWatch.checkForNewer()");
        w.until(d -> newer.isDisplayed());
        assertThat(newer.getText()).matches("Newer data: assessed \\S+ \\S+ UTC\\. Show it");
        assertThat(newer.getAttribute("role")).isEqualTo("status");
        // what the reader looks at stays as it was until asked
        String shown = (String) browser.executeScript("return window.truceWatch.assessed");
        assertThat(browser.findElements(By.cssSelector("path.incident.verdict-probable-violation")))
            .hasSize(1);
        assertThat(browser.findElement(By.id("as-of")).getText()).isEqualTo(asOf);
        assertThat(browser.executeScript("return window.truceWatch.assessed")).isEqualTo(shown);

        newer.findElement(By.tagName("button")).click();
        w.until(d -> !d.findElements(By.cssSelector("path.incident.verdict-violation")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("path.incident.verdict-probable-violation")))
            .isEmpty();
        assertThat(newer.isDisplayed()).isFalse();
        // the assessment shown is the newest (the line above the map names its minute)
        assertThat(browser.executeScript("return window.truceWatch.assessed"))
            .isEqualTo(
                ApiContract.json(Fixture.get(url + "/api/v1/map"))
                    .path("as_of")
                    .path("assessed")
                    .asText());
        assertThat(browser.findElement(By.id("day-label")).getText()).isEqualTo("2025-08-17");

        // other terms, with monitoring sectors: the notice says so, and the page is loaded anew
        // with their layers, at the same day
        java.nio.file.Path sectors = dir.resolve("sectors.yaml");
        Files.writeString(
            sectors,
            Files.readString(dir.resolve("terms.yaml"), java.nio.charset.StandardCharsets.UTF_8)
                + "\nsectors:\n"
                + "  - id: east\n"
                + "    name: Sector East\n"
                + "    geometry: {type: Polygon, coordinates: [[[36.5, 47.5], [40.2, 47.5],"
                + " [40.2, 50.5], [36.5, 50.5], [36.5, 47.5]]]}\n",
            java.nio.charset.StandardCharsets.UTF_8);
        m.useTerms(sectors);
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-layers"))
            .doesNotContain("monitoring sectors");
        browser.executeScript("return window.truceWatch.checkForNewer()");
        w.until(d -> newer.isDisplayed());
        assertThat(newer.getText())
            .matches("Newer data under other truce terms: assessed \\S+ \\S+ UTC\\. Show it");
        newer.findElement(By.tagName("button")).click();
        w.until(
            d ->
                String.valueOf(d.findElement(By.tagName("body")).getAttribute("data-layers"))
                    .contains("monitoring sectors"));
        w.until(
            d ->
                "2025-08-17"
                    .equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
      }
    }
  }

  /**
   * An analyst signed in with a review token finds the day's violations and probable violations not
   * yet reviewed listed in the panel, opens one from the list and records a review in its popup:
   * the popup shows it at once as a person's judgement, the store keeps it by the token's name, the
   * list has none left and the incident's marker is drawn hollow, for every reader; a refusal is
   * said in the popup; a browser not signed in as an analyst is offered neither list nor form.
   */
  @Test
  void anAnalystSignedInRecordsAReviewInTheFindingsPopup() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-reviewing-");
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = CapServerTest.explosionInTheBuffer(one, dir);
      String analyst = one.createToken("analyst-3", org.trucewatch.store.TokenScope.REVIEW);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String url = "http://127.0.0.1:" + s.port();
        openTheOnly(browser, url, "2025-08-17", "probable-violation");
        shownPopup(".leaflet-popup-content .finding", "probable-violation");
        // told by its dashed ring as well as by its colour
        assertThat(
                browser
                    .findElement(By.cssSelector("path.incident.verdict-probable-violation"))
                    .getAttribute("stroke-dasharray"))
            .isEqualTo("4 2");
        assertThat(browser.findElements(By.cssSelector(".review-form"))).isEmpty();
        assertThat(browser.findElement(By.id("to-review")).isDisplayed()).isFalse();

        ChromeDriver signedIn = HeadlessChromium.start(1400, 900);
        try {
          signedIn.get(url + "/signin");
          signIn(signedIn, analyst);
          HeadlessChromium.waiting(signedIn)
              .until(
                  d ->
                      "analyst-3"
                          .equals(d.findElement(By.tagName("body")).getAttribute("data-reader")));
          // the day's list of work names the probable violation, which opens its popup
          signedIn.get(url + "/#2025-08-17");
          WebDriverWait w = HeadlessChromium.waiting(signedIn);
          WebElement work = signedIn.findElement(By.id("to-review"));
          w.until(d -> "1".equals(work.getAttribute("data-left")));
          assertThat(work.getText())
              .startsWith(
                  "To review (1 finding of violation or probable violation on this day with no"
                      + " review)")
              .contains("probable-violation, clause C2, 2025-08-17 09:30 UTC, Donetsk Oblast");
          work.findElement(By.tagName("a")).click();
          WebElement form =
              w.until(
                  d ->
                      d
                          .findElements(
                              By.cssSelector(".finding[data-finding$='/C2'] .review-form"))
                          .stream()
                          .findFirst()
                          .orElse(null));
          // what the form says, found anew at each look; a wait that fails says where the page is
          java.util.function.Supplier<String> said =
              () ->
                  signedIn
                      .findElements(By.cssSelector(".finding[data-finding$='/C2'] .review-said"))
                      .stream()
                      .map(WebElement::getText)
                      .findFirst()
                      .orElse("(no form at " + signedIn.getCurrentUrl() + ")");
          w.withMessage(() -> "the form says " + said.get());
          // a note of spaces passes the form and is refused by the server, which the popup says
          form.findElement(By.name("note")).sendKeys("   ");
          form.findElement(By.tagName("button")).click();
          w.until(d -> said.get().startsWith("Not recorded:"));
          assertThat(said.get()).contains("note must say why");
          new org.openqa.selenium.support.ui.Select(form.findElement(By.name("status")))
              .selectByValue("not-upheld");
          WebElement note = form.findElement(By.name("note"));
          note.clear();
          note.sendKeys("The camera faced a stubble burn.");
          form.findElement(By.tagName("button")).click();
          w.until(d -> said.get().equals("Recorded."));
          w.until(d -> "0".equals(work.getAttribute("data-left")));
          assertThat(work.getText()).isEqualTo("To review (none left)");
          assertThat(
                  signedIn
                      .findElement(By.cssSelector(".finding[data-finding$='/C2'] .review"))
                      .getText())
              .matches(
                  "Analyst review, not the method's: not-upheld by analyst-3 on"
                      + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: The camera faced a stubble"
                      + " burn\\.");
          assertThat(note.getAttribute("value")).isEmpty();
          // its marker is drawn hollow now, as the legend says, and the list says so in words
          w.until(
              d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-not-upheld")));
          WebElement hollow =
              signedIn.findElement(By.cssSelector("path.incident.verdict-probable-violation"));
          assertThat(hollow.getAttribute("class")).contains("not-upheld");
          assertThat(hollow.getAttribute("fill-opacity")).isEqualTo("0.15");
          w.until(
              d ->
                  d.findElement(By.id("notable"))
                      .getText()
                      .contains(
                          "probable-violation, clause C2, 2025-08-17 09:30 UTC, Donetsk Oblast, not"
                              + " upheld on an analyst's review"));

          // an observer's report joins the incident while the popup is open: a review posted
          // from it is of the finding as shown, and the popup says that the finding has changed
          java.nio.file.Path observer = observerReport(dir);
          m.ingest(observer, "observer.csv", "test", Store.IngestListener.NONE);
          String now =
              one.query(
                      org.trucewatch.store.Layer.FINDINGS,
                      new org.trucewatch.store.Features.Filter(
                          null, null, null, null, null, null, null, "violation", null, null, null),
                      org.trucewatch.observation.Audience.MISSION,
                      10,
                      0)
                  .features()
                  .get(0)
                  .id();
          note.sendKeys("The observer's report is of another explosion.");
          form.findElement(By.tagName("button")).click();
          w.until(d -> said.get().startsWith("Recorded, of the finding as shown here."));
          assertThat(said.get())
              .isEqualTo(
                  "Recorded, of the finding as shown here. It has changed since (now finding "
                      + now
                      + "): open it again to see it as it stands.");
          assertThat(
                  signedIn
                      .findElement(By.cssSelector(".finding[data-finding$='/C2'] .review"))
                      .getText())
              .contains(
                  "(made when the finding rested on 1 evidence row, verdict probable-violation):"
                      + " The observer's report is of another explosion.");
        } finally {
          signedIn.quit();
        }
        // a reader who is not an analyst finds the incident, a violation now that the observer's
        // report joined it, drawn hollow, the review following its finding (the page loaded
        // anew: it shows the day it was opened at)
        browser.get("about:blank");
        browser.get(url + "/#2025-08-17");
        WebDriverWait reader = HeadlessChromium.waiting(browser);
        reader.until(
            d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-not-upheld")));
        WebElement violation =
            browser.findElement(By.cssSelector("path.incident.verdict-violation"));
        assertThat(violation.getAttribute("class")).contains("not-upheld");
        assertThat(violation.getAttribute("fill-opacity")).isEqualTo("0.15");
        assertThat(browser.findElement(By.id("legend")).getText())
            .contains("hollow: not upheld on an analyst's review (the verdict is the method's)");
        assertThat(
                browser
                    .findElement(By.cssSelector("#legend .not-upheld-key circle"))
                    .getAttribute("fill-opacity"))
            .isEqualTo("0.15");
        org.trucewatch.store.Rows.ReviewLog log = one.reviews(10, 0);
        assertThat(log.matched()).isEqualTo(2);
        // both of the finding as the popup showed it, newest first
        org.trucewatch.store.Rows.Review first = log.reviews().get(1);
        assertThat(first.reviewer()).isEqualTo("analyst-3");
        assertThat(first.status()).isEqualTo("not-upheld");
        assertThat(first.note()).isEqualTo("The camera faced a stubble burn.");
        assertThat(log.reviews().get(0).findingId()).isEqualTo(first.findingId());
        assertThat(log.reviews().get(0).evidence()).isEqualTo(first.evidence());
      }
    }
  }

  /**
   * The day's surveillance reports on the map are those released to the reader: a browser without a
   * token sees the public one, a member state's liaison signed in to a private server also those
   * released to all members and those it provided.
   */
  @Test
  void theMapShowsEachReaderTheSurveillanceReportsReleasedToIt() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-released-");
    String reports =
        "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,"
            + "uncertainty_m,event,count,description,releasable_to\n"
            + "R-1,CAM-1,camera,FR,2025-08-16T02:20Z,48.5150,37.2761,500,explosion,2,two flashes,"
            + "public\n"
            + "R-2,OBS-2,observer,PL,2025-08-16T08:00Z,47.9000,37.5000,2000,gunfire,5,,members\n"
            + "R-3,AC-1,acoustic,DE,2025-08-16T08:02Z,47.9100,37.5200,4000,gunfire,3,,\n";
    try (Store one = Store.open(dir.resolve("db").toString())) {
      Monitor m = fireAndReports(one, dir, reports);
      String liaison = one.createToken("liaison-de", org.trucewatch.store.TokenScope.READ, "DE");
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        browser.get("http://127.0.0.1:" + s.port() + "/#2025-08-16");
        wait.until(d -> "2025-08-16".equals(loadedDay()));
        assertThat(browser.findElement(By.id("status")).getText())
            .endsWith("; 1 of 3 surveillance reports released to you");
        List<WebElement> shown =
            browser.findElements(By.cssSelector(".leaflet-marker-icon.report"));
        assertThat(shown).hasSize(1);
        browser.executeScript(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", shown.get(0));
        assertThat(shownPopup(".report-popup", "CAM-1").getText())
            .contains(
                "camera:CAM-1 (provided by FR) reported 2 × explosion at 2025-08-16 02:20 UTC,"
                    + " within 500 m.")
            .contains("“two flashes”")
            .contains("Report R-1, reports.csv:2; released to public.");
        browser.executeScript("document.querySelector('.leaflet-popup-close-button').click()");
      }
      try (Server closed =
          Server.start(m, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
        ChromeDriver signedIn = HeadlessChromium.start(1400, 900);
        try {
          signedIn.get("http://127.0.0.1:" + closed.port() + "/#2025-08-16");
          signIn(signedIn, liaison);
          dayLoaded(signedIn);
          signedIn.get("http://127.0.0.1:" + closed.port() + "/#2025-08-16");
          HeadlessChromium.waiting(signedIn)
              .until(
                  d ->
                      "2025-08-16"
                          .equals(
                              d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
          assertThat(signedIn.findElement(By.id("status")).getText())
              .endsWith("; 3 of 3 surveillance reports released to you");
          assertThat(signedIn.findElements(By.cssSelector(".leaflet-marker-icon.report")))
              .hasSize(3);
        } finally {
          signedIn.quit();
        }
      }
      // on an open server, the liaison signs in from the map's link and then sees the same,
      // until signing out
      try (Server open = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String url = "http://127.0.0.1:" + open.port();
        assertThat(Fixture.get(url + "/signin").statusCode()).isEqualTo(200);
        ChromeDriver signedIn = HeadlessChromium.start(1400, 900);
        try {
          signedIn.get(url + "/#2025-08-16");
          WebDriverWait w = HeadlessChromium.waiting(signedIn);
          w.until(
              d ->
                  "2025-08-16"
                      .equals(d.findElement(By.tagName("body")).getAttribute("data-day-loaded")));
          assertThat(signedIn.findElement(By.id("status")).getText())
              .endsWith("; 1 of 3 surveillance reports released to you");
          assertThat(signedIn.findElement(By.id("signin")).getText())
              .isEqualTo("sign in with a token");
          signedIn.findElement(By.id("signin")).click();
          signIn(signedIn, liaison);
          // back on the map, which opens on the first truce day
          w.until(
              d ->
                  !d.getCurrentUrl().contains("signin")
                      && d.findElement(By.tagName("body")).getAttribute("data-day-loaded") != null);
          signedIn.get(url + "/#2025-08-16");
          w.until(
              d ->
                  d.findElement(By.id("status"))
                      .getText()
                      .endsWith("; 3 of 3 surveillance reports released to you"));
          assertThat(signedIn.findElement(By.id("signin")).getText()).startsWith("signed in as ");
          // signed out, the map shows what the public sees
          signedIn.findElement(By.id("signin")).click();
          w.until(d -> d.getCurrentUrl().endsWith("/signin?signed-out"));
          signedIn.get(url + "/#2025-08-16");
          w.until(
              d ->
                  d.findElement(By.id("status"))
                      .getText()
                      .endsWith("; 1 of 3 surveillance reports released to you"));
          assertThat(signedIn.findElement(By.id("signin")).getText())
              .isEqualTo("sign in with a token");
        } finally {
          signedIn.quit();
        }
      }
    }
  }

  @Test
  void aDayWhoseFiguresWereRevisedSaysWhichVersionItShows() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("trucewatch-revised-");
    try (Store revised = Store.open(dir.resolve("db").toString())) {
      Monitor m = new Monitor(revised, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      // one satellite's file of 15 August (UTC), then the other's: 16 August's figures change
      for (String f :
          List.of(
              "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025227.txt.csv.gz",
              "SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025227.txt.csv.gz")) {
        m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      }
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String at = "http://127.0.0.1:" + s.port();
        JsonNode day16 = null;
        for (JsonNode d : JSON.readTree(Fixture.get(at + "/api/v1/map").body()).path("days")) {
          if (d.path("date").asText().equals("2025-08-16")) {
            day16 = d;
          }
        }
        assertThat(day16.path("versions").asInt()).isEqualTo(2);
        String stated = day16.path("last_stated").asText();
        browser.get(at + "/#2025-08-16");
        wait.until(d -> "2025-08-16".equals(loadedDay()));
        assertThat(browser.findElement(By.cssSelector("#day-totals .revised")).getText())
            .isEqualTo(
                "Revised: version 2 of this day's figures, stated "
                    + stated.substring(0, 10)
                    + " "
                    + stated.substring(11, 16)
                    + " UTC; the day's report lists every version.");
      }
    }
  }

  @Test
  void aStoreWithNothingAssessedSaysSoAndOffersNoDay() throws Exception {
    try (Store empty = Store.open(Files.createTempDirectory("trucewatch-empty-").toString());
        Server s =
            Server.start(
                new Monitor(empty, Fixture.regions(), Fixture.classifier()),
                new Server.Options("127.0.0.1", 0, "", ""))) {
      browser.get("http://127.0.0.1:" + s.port() + "/");
      wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-empty")));
      assertThat(browser.findElement(By.id("day-totals")).getText())
          .isEqualTo(
              "Nothing has been assessed yet: the store needs truce terms (serve --terms FILE)"
                  + " and observations (ingest).");
      assertThat(browser.findElement(By.id("day-report")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.id("day")).isEnabled()).isFalse();
      // the country is drawn all the same: an operator sees that the map works
      assertThat(browser.findElements(By.cssSelector(".leaflet-oblasts-pane path"))).hasSize(27);
      HttpResponse<String> oblasts =
          Fixture.get("http://127.0.0.1:" + s.port() + "/api/v1/oblasts");
      assertThat(oblasts.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(oblasts.body()).path("features")).hasSize(27);
      assertThat(browser.findElement(By.id("status")).getText()).isEmpty();
      // the browser logs the 404 of /api/v1/map, and nothing else (reading the log empties it)
      assertThat(HeadlessChromium.errors(browser))
          .singleElement()
          .asString()
          .contains("/api/v1/map")
          .contains("404");
      // the report, its PDF and the page of its terms and method say the same as the map
      for (String path :
          List.of(
              "/reports/report.html",
              "/reports/report.pdf",
              "/reports/method.html",
              "/api/v1/map")) {
        HttpResponse<String> r = Fixture.get("http://127.0.0.1:" + s.port() + path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).path("message").asText())
            .as(path)
            .isEqualTo(
                "nothing has been assessed yet: the store needs truce terms (serve --terms FILE)"
                    + " and observations (ingest)");
      }
    }
  }

  /**
   * Each verdict's marker as a multiple of the zoom's radius and ring, so that a verdict is told by
   * more than its colour: {scale, ring}; the verdicts not named are {0.75, 0.5}.
   */
  private static final java.util.Map<String, double[]> MARKS =
      java.util.Map.of(
          "violation", new double[] {1.5, 2},
          "probable-violation", new double[] {1.25, 1.5},
          "possible", new double[] {1, 1});

  private static double[] mark(String verdict) {
    return MARKS.getOrDefault(verdict, new double[] {0.75, 0.5});
  }

  /** The outline of each smaller marker's shape, as its path draws it; the others are circles. */
  private static final java.util.Map<String, String> SHAPES =
      java.util.Map.of("out-of-scope", "square", "inconclusive", "diamond", "none", "triangle");

  private static final java.util.Map<String, String> OUTLINES =
      java.util.Map.of(
          "circle", "M[-\\d.]+,[-\\d.]+a.*",
          "square", "M[^A-Za-z]+H[^A-Za-z]+V[^A-Za-z]+H[^A-Za-z]+Z",
          "diamond", "M[^A-Za-z]+L[^A-Za-z]+L[^A-Za-z]+L[^A-Za-z]+Z",
          "triangle", "M[^A-Za-z]+L[^A-Za-z]+L[^A-Za-z]+Z");

  private static String shape(String verdict) {
    return SHAPES.getOrDefault(verdict, "circle");
  }

  private static String verdictOf(WebElement marker) {
    return marker.getAttribute("class").replaceAll(".*verdict-(\\S+).*", "$1");
  }

  /**
   * Whether each incident marker in view has its verdict's size and ring for a zoom whose radius is
   * {@code radius} and ring {@code ring}: a probable violation's ring dashed, the others' solid.
   */
  private boolean markersSized(double radius, double ring) {
    boolean any = false;
    for (WebElement m : browser.findElements(By.cssSelector("path.incident"))) {
      double width =
          ((Number) browser.executeScript("return arguments[0].getBoundingClientRect().width", m))
              .doubleValue();
      if (width == 0) {
        continue; // outside the view: not drawn
      }
      any = true;
      String verdict = verdictOf(m);
      double r = radius * mark(verdict)[0];
      double w = ring * mark(verdict)[1];
      if (width < 2 * r - 0.5
          || width > 2 * r + w + 0.5
          || !m.getAttribute("d").strip().matches(OUTLINES.get(shape(verdict)))
          || Double.parseDouble(m.getAttribute("stroke-width")) != w
          || !java.util.Objects.equals(
              m.getAttribute("stroke-dasharray"),
              verdict.equals("probable-violation") ? "4 2" : null)) {
        return false;
      }
    }
    return any;
  }

  @Test
  void incidentMarkersTellTheVerdictBySizeRingAndShapeAndAreSmallAtNationalZoom() throws Exception {
    browser.get(base + "/#2025-08-15");
    wait.until(d -> "2025-08-15".equals(loadedDay()));
    List<WebElement> markers = browser.findElements(By.cssSelector("path.incident"));
    assertThat(markers).hasSize((int) stored("incidents", "2025-08-15"));
    // possible ones and others (a probable violation's marker is checked where the map shows one)
    java.util.Set<String> verdicts = new java.util.TreeSet<>();
    markers.forEach(m -> verdicts.add(verdictOf(m)));
    assertThat(verdicts).contains("possible").hasSizeGreaterThan(2);
    // the whole country: a radius of 3 px and a ring of 1 px, so the line of contact shows
    // between the markers
    assertThat(markersSized(3, 1)).isTrue();
    // zoomed in: full size (6 px and 1.5 px)
    browser.executeScript("window.truceWatch.map.setZoom(9, {animate: false})");
    wait.until(d -> markersSized(6, 1.5));
    assertThat(browser.findElements(By.cssSelector("path.incident"))).hasSameSizeAs(markers);
    // and back to the country
    browser.executeScript("window.truceWatch.map.setZoom(6, {animate: false})");
    wait.until(d -> markersSized(3, 1));

    // the legend draws each verdict's marker as the map does at full size, from 4 px and 1.5 px
    List<WebElement> samples = browser.findElements(By.cssSelector("#legend label"));
    assertThat(samples).hasSize(Verdict.values().length + 1);
    java.util.Map<String, String> withoutColour = new java.util.TreeMap<>();
    for (WebElement label : samples) {
      String verdict = label.findElement(By.tagName("input")).getAttribute("value");
      WebElement sample = label.findElement(By.cssSelector("svg.swatch > *"));
      double r = 4 * mark(verdict)[0];
      if (shape(verdict).equals("circle")) {
        assertThat(sample.getTagName()).as(verdict).isEqualTo("circle");
        assertThat(Double.parseDouble(sample.getAttribute("r"))).as(verdict).isEqualTo(r);
      } else {
        assertThat(sample.getAttribute("class")).as(verdict).isEqualTo("shape-" + shape(verdict));
        assertThat(sample.getAttribute("d")).as(verdict).matches(OUTLINES.get(shape(verdict)));
        assertThat(sample.getRect().getWidth())
            .as(verdict)
            .isBetween((int) (2 * r) - 1, (int) (2 * r) + 3);
      }
      assertThat(Double.parseDouble(sample.getAttribute("stroke-width")))
          .as(verdict)
          .isEqualTo(1.5 * mark(verdict)[1]);
      assertThat(sample.getAttribute("stroke-dasharray"))
          .as(verdict)
          .isEqualTo(verdict.equals("probable-violation") ? "4 2" : null);
      withoutColour.put(
          verdict, sample.getAttribute("outerHTML").replaceAll("fill=\"[^\"]*\"", ""));
    }
    // so no two verdicts' markers differ by colour alone (WCAG 2.1, 1.4.1)
    assertThat(new java.util.HashSet<>(withoutColour.values()))
        .hasSameSizeAs(withoutColour.keySet());
  }

  @Test
  void loadsWithLayersChangesDayAndShowsAFinding() throws Exception {
    browser.get(base + "/");
    wait.until(d -> loadedDay() != null);

    // the truce, its first day, and the layers
    assertThat(browser.findElement(By.id("truce-name")).getText())
        .startsWith("Demonstration truce");
    assertThat(browser.findElement(By.id("method")).getText()).contains(MethodVersion.CURRENT);
    // how current it is, as /api/v1/map gives it
    JsonNode asOf = JSON.readTree(Fixture.get(base + "/api/v1/map").body()).path("as_of");
    JsonNode newest = asOf.path("newest_detections").get(0);
    assertThat(browser.findElement(By.id("as-of")).getText())
        .startsWith(
            "Data as of: newest detection "
                + newest.path("source").asText()
                + " "
                + newest.path("acquired").asText().substring(0, 16).replace('T', ' ')
                + " UTC, ")
        .contains(
            "; last file taken in "
                + asOf.path("last_ingest_received").asText().substring(0, 16).replace('T', ' ')
                + " UTC; assessed "
                + asOf.path("assessed").asText().substring(0, 16).replace('T', ' ')
                + " UTC");
    String first = loadedDay();
    assertThat(first).isEqualTo("2025-08-15");
    assertThat(browser.findElement(By.id("day-label")).getText()).isEqualTo(first);
    // a day the inputs cover whole carries no caveat
    assertThat(browser.findElement(By.id("day-phase")).getText()).isEqualTo("(truce)");
    assertThat(browser.findElements(By.cssSelector("#day-totals .partial"))).isEmpty();
    // the fixture's store was assessed once: nothing is revised
    assertThat(day(first).path("versions").asInt()).isEqualTo(1);
    assertThat(browser.findElements(By.cssSelector("#day-totals .revised"))).isEmpty();
    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-layers").split("\\|"))
        .containsExactly(
            "oblasts",
            "zones (buffer, exclusion)",
            "background areas (static sources, known fire areas)",
            "line of contact",
            "detections of the day",
            "incidents of the day",
            "surveillance reports of the day (released to you)");
    assertThat(browser.findElements(By.cssSelector(".leaflet-oblasts-pane path")))
        .hasSizeGreaterThan(20);
    assertThat(browser.findElements(By.cssSelector(".leaflet-line-pane path"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector(".leaflet-zones-pane path"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector(".leaflet-background-pane path"))).hasSize(10);
    assertThat(browser.findElements(By.cssSelector(".leaflet-control-layers-overlays label")))
        .hasSize(7);
    JsonNode d1 = day(first);
    assertThat(total("detections")).isEqualTo(d1.path("detections").asText());
    assertThat(total("incidents")).isEqualTo(d1.path("incidents").asText());
    JavascriptExecutor js = browser;
    // a background area names itself on hover (the day's canvas lies above it, so the event is
    // sent to the area's path as Leaflet would receive it)
    var area = browser.findElements(By.cssSelector(".leaflet-background-pane path")).get(0);
    js.executeScript(
        "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", area);
    String tooltip =
        wait.until(
            d -> {
              // a tooltip fades in too: wait for its text to be readable
              var t = d.findElements(By.cssSelector(".leaflet-tooltip"));
              return t.isEmpty() || t.get(0).getText().isEmpty() ? null : t.get(0).getText();
            });
    assertThat(tooltip).matches(".+: static heat source, radius 2500(\\.0)? m");
    js.executeScript(
        "arguments[0].dispatchEvent(new MouseEvent('mouseout', {bubbles: true}))", area);
    assertThat(((Number) js.executeScript("return window.truceWatch.detections")).longValue())
        .isEqualTo(stored("observations", first));
    // the day's layers are asked for the area of interest only (a store made before ingest kept
    // to it may hold detections from all over the world)
    JsonNode extent = JSON.readTree(Fixture.get(base + "/api/v1/map").body()).path("extent");
    List<String> corners = new ArrayList<>();
    extent.forEach(c -> corners.add(c.asText()));
    assertThat(js.executeScript("return window.truceWatch.bbox"))
        .isEqualTo("&bbox=" + String.join(",", corners));
    assertThat(browser.findElements(By.cssSelector("path.incident")))
        .hasSize((int) stored("incidents", first));
    // the more serious verdicts are drawn last, on top of the others
    List<String> drawn =
        browser.findElements(By.cssSelector("path.incident")).stream()
            .map(e -> e.getAttribute("class").replaceAll(".*verdict-(\\S+).*", "$1"))
            .toList();
    List<String> severity = new ArrayList<>(List.of("none"));
    for (int v = Verdict.values().length - 1; v >= 0; v--) {
      severity.add(Verdict.values()[v].key());
    }
    assertThat(drawn.stream().map(severity::indexOf).toList()).isSorted().doesNotContain(-1);
    assertThat(new java.util.HashSet<>(drawn)).hasSizeGreaterThan(1);

    // the legend hides a verdict's incidents and detections, and shows them again
    long outOfScope =
        JSON.readTree(
                Fixture.get(base + "/api/v1/incidents?limit=1&verdict=out-of-scope&day=" + first)
                    .body())
            .path("matched")
            .asLong();
    assertThat(outOfScope).isPositive();
    WebElement toggle =
        browser.findElement(By.cssSelector(".verdict-toggle[value='out-of-scope']"));
    toggle.click();
    assertThat(browser.findElements(By.cssSelector("path.incident.verdict-out-of-scope")))
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector("path.incident")))
        .hasSize((int) (stored("incidents", first) - outOfScope));
    assertThat(browser.findElement(By.id("status")).getText())
        .contains("(" + outOfScope + " hidden by the legend)");
    toggle.click();
    assertThat(browser.findElements(By.cssSelector("path.incident")))
        .hasSize((int) stored("incidents", first));

    // one verdict at a time: the status line counts what is shown
    List<WebElement> toggles = browser.findElements(By.cssSelector(".verdict-toggle"));
    long all = stored("incidents", first);
    for (String only : List.of("violation", "probable-violation", "possible", "inconclusive")) {
      for (WebElement t : toggles) {
        if (t.isSelected() != t.getAttribute("value").equals(only)) {
          t.click();
        }
      }
      long incidents = matched("incidents", only, first);
      long detections = matched("observations", only, first);
      assertThat(browser.findElement(By.id("status")).getText())
          .isEqualTo(
              first
                  + ": "
                  + count(detections, "detection")
                  + ", "
                  + count(incidents, "incident")
                  + " shown ("
                  + (all - incidents)
                  + " hidden by the legend)");
    }
    for (WebElement t : toggles) {
      if (!t.isSelected()) {
        t.click();
      }
    }
    assertThat(browser.findElements(By.cssSelector("path.incident"))).hasSize((int) all);

    // the slider moves to the day before: label, totals and layers follow
    WebElement slider = browser.findElement(By.id("day"));
    slider.sendKeys(Keys.ARROW_LEFT);
    wait.until(d -> "2025-08-14".equals(loadedDay()));
    JsonNode d0 = day("2025-08-14");
    assertThat(browser.findElement(By.id("day-label")).getText()).isEqualTo("2025-08-14");
    // the inputs begin at 00:00 UTC on 14 August, 03:00 in Kyiv: the report day is partly seen
    assertThat(d0.path("status").asText()).isEqualTo("partial");
    assertThat(browser.findElement(By.id("day-phase")).getText())
        .isEqualTo("(before, partly observed)");
    assertThat(browser.findElement(By.cssSelector("#day-totals .partial")).getText())
        .isEqualTo(
            "Partly observed: the inputs cover only part of this day, and the counts are of that"
                + " part.");
    assertThat(total("detections")).isEqualTo(d0.path("detections").asText());
    assertThat(d0.path("detections").asInt()).isNotEqualTo(d1.path("detections").asInt());
    assertThat(browser.findElements(By.cssSelector("path.incident")))
        .hasSize((int) stored("incidents", "2025-08-14"));
    assertThat(browser.findElement(By.id("day-report")).getAttribute("href"))
        .endsWith("/reports/days/2025-08-14.html");
    assertThat(browser.findElement(By.id("day-report-pdf")).getAttribute("href"))
        .endsWith("/reports/days/2025-08-14.pdf");
    assertThat(browser.getCurrentUrl()).endsWith("/#2025-08-14");

    // a link to another day opened in the same tab changes only the address's day
    js.executeScript("location.hash = '#2025-08-15'");
    wait.until(d -> "2025-08-15".equals(loadedDay()));
    assertThat(browser.findElement(By.id("day-label")).getText()).isEqualTo("2025-08-15");
    assertThat(slider.getAttribute("value")).isEqualTo(Integer.toString(dayIndex("2025-08-15")));
    js.executeScript("location.hash = '#2025-08-14'");
    wait.until(d -> "2025-08-14".equals(loadedDay()));
    assertThat(browser.findElements(By.cssSelector("path.incident")))
        .hasSize((int) stored("incidents", "2025-08-14"));

    // back to the truce day; a click on an incident with a violation shows its finding
    slider.sendKeys(Keys.ARROW_RIGHT);
    wait.until(d -> first.equals(loadedDay()));
    // the most serious verdict of the day (the fixture's two days have no two-source violation)
    String verdict = null;
    WebElement target = null;
    for (String v : List.of("violation", "probable-violation", "possible", "inconclusive")) {
      List<WebElement> found = browser.findElements(By.cssSelector("path.incident.verdict-" + v));
      if (!found.isEmpty()) {
        verdict = v;
        target = found.get(0);
        break;
      }
    }
    assertThat(target).as("an incident with a finding in the zones").isNotNull();
    try {
      target.click();
    } catch (ElementClickInterceptedException e) {
      // another marker on top: send the click to this one, as a user zooming in would
      js.executeScript(
          "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target);
    }
    WebElement popup = shownPopup(".leaflet-popup-content .finding", "");
    String text = popup.getText();
    assertThat(text).startsWith(verdict + " — clause C1").contains("evidence (file:line)");
    String findingId = popup.getAttribute("data-finding");
    JsonNode finding =
        JSON.readTree(Fixture.get(base + "/api/v1/findings/" + findingId.replace('/', ':')).body());
    assertThat(finding.path("verdict").asText()).isEqualTo(verdict);
    assertThat(text).contains(finding.path("reasoning").asText());
    assertThat(text)
        .contains(
            finding.path("evidence").get(0).path("file").asText()
                + ":"
                + finding.path("evidence").get(0).path("line").asText());
    // a finding that is no alert has no CAP message to link
    if (!Cap.isAlert(verdict)) {
      assertThat(popup.findElements(By.cssSelector("a.cap"))).isEmpty();
    }

    // that day's daily report is one click away, with the finding among its notable ones when it
    // is one (violation, probable violation, possible)
    browser.findElement(By.id("day-report")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/reports/days/" + first + ".html"));
    assertThat(browser.getTitle()).startsWith("Truce Watch daily report");
    if (!verdict.equals("inconclusive")) {
      assertThat(browser.findElements(By.id(findingId))).hasSize(1);
    }

    assertThat(HeadlessChromium.errors(browser)).isEmpty();
  }
}
