package org.trucewatch.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (packages chromium and
 * chromium-driver, which .ci/run installs), with the browser console kept for the tests to read.
 * The flags keep Chromium off the network, which this machine does not reach.
 */
public final class HeadlessChromium {
  private HeadlessChromium() {}

  public static ChromeDriver start(int width, int height) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    return new ChromeDriver(service, o);
  }

  /**
   * The messages of errors the browser's console took since it was last read (reading empties it):
   * a script that failed, a file not found, a resource the page's policy refused.
   */
  public static java.util.List<String> errors(ChromeDriver b) {
    return b.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(e -> e.getMessage())
        .toList();
  }

  /**
   * A wait of up to 30 seconds that looks an element up again when the page it was found on has
   * been replaced before it was read: a form's answer or a redirect may land between the finding
   * and the reading.
   */
  public static WebDriverWait waiting(ChromeDriver b) {
    WebDriverWait w = new WebDriverWait(b, Duration.ofSeconds(30));
    w.ignoring(StaleElementReferenceException.class);
    return w;
  }

  /**
   * Quits {@code browser}, then closes each of {@code after} in order (the server, then its store),
   * passing over what a failed set-up never made.
   */
  public static void quit(ChromeDriver browser, AutoCloseable... after) throws Exception {
    if (browser != null) {
      browser.quit();
    }
    for (AutoCloseable c : after) {
      if (c != null) {
        c.close();
      }
    }
  }
}
