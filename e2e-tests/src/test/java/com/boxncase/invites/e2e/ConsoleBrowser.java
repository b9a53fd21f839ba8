package com.boxncase.invites.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Debian's headless Chromium driven through its chromedriver, with what the console tests need: the console's
 * shadow root, the clipboard, and screenshots at desktop and phone widths under {@code target/screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(360, 780);

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path screenshots;
    private int shot;

    /** Whether this machine has the browser; tests assume it (CI installs the package). */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    ConsoleBrowser(String suite) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the networking switches Chromium tries to reach hosts this machine cannot (PLATFORM.md).
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        this.screenshots = Path.of("target", "screenshots", suite);
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.manage().window().setSize(DESKTOP);
        driver.get(url);
    }

    /** Lets pages of {@code origin} read and write the clipboard without a prompt. */
    void allowClipboard(String origin) {
        driver.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", origin, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    String clipboard() {
        Object text = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, (e) => done('clipboard error: ' + e));");
        return String.valueOf(text);
    }

    WebElement page(String css) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(css)), WebElement::isDisplayed);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The shadow root of the {@code <invites-console>} element on the page. */
    SearchContext console() {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(
                        () -> driver.findElement(By.cssSelector("invites-console"))
                                .getShadowRoot(),
                        root -> true);
    }

    /** The first visible element matching {@code css} in the console, waiting for it. */
    WebElement in(String css) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(
                        () -> console().findElements(By.cssSelector(css)).stream()
                                .filter(WebElement::isDisplayed)
                                .findFirst()
                                .orElseThrow(),
                        element -> true);
    }

    List<WebElement> all(String css) {
        return console().findElements(By.cssSelector(css));
    }

    /** The visible element matching {@code css} whose text is {@code text}. */
    WebElement withText(String css, String text) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(
                        () -> all(css).stream()
                                .filter(e ->
                                        e.isDisplayed() && e.getText().trim().equals(text))
                                .findFirst()
                                .orElseThrow(),
                        element -> true);
    }

    /** What has focus inside the console's shadow root. */
    WebElement focusedInConsole() {
        return (WebElement)
                js().executeScript("return document.querySelector('invites-console').shadowRoot.activeElement;");
    }

    <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> until) {
        return await().atMost(PATIENCE).ignoreExceptions().until(value::get, until);
    }

    JavascriptExecutor js() {
        return driver;
    }

    /** Mouse and keyboard input as a person gives it (a double click is two clicks in quick succession). */
    Actions actions() {
        return new Actions(driver);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    void reload() {
        driver.navigate().refresh();
    }

    /** A Chrome DevTools Protocol command on the page's tab (network conditions, emulated language). */
    Map<String, Object> devTools(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    /**
     * Saves the page at desktop and at phone width ({@code NN-name-desktop.png}, {@code NN-name-phone.png}) and
     * checks that nothing is wider than the phone's screen.
     */
    void screenshots(String name) {
        shot++;
        screenshots(String.format("%02d-%s-desktop.png", shot, name), String.format("%02d-%s-phone.png", shot, name));
    }

    /**
     * Saves the page as {@code name.png} (desktop width) and {@code name-phone.png}, and checks that nothing is wider
     * than the phone's screen.
     */
    void screenshotsNamed(String name) {
        screenshots(name + ".png", name + "-phone.png");
    }

    private void screenshots(String desktopFile, String phoneFile) {
        save(desktopFile);
        driver.manage().window().setSize(PHONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> viewportWidth() <= PHONE.width);
        long overflow = (Long)
                js().executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                        + " - document.documentElement.clientWidth;");
        save(phoneFile);
        driver.manage().window().setSize(DESKTOP);
        assertThat(overflow)
                .as("horizontal overflow at %d px wide on %s", PHONE.width, phoneFile)
                .isLessThanOrEqualTo(0);
    }

    private long viewportWidth() {
        return (Long) js().executeScript("return window.innerWidth;");
    }

    /** The whole page, not only the window: Chromium renders beyond the viewport for the capture. */
    @SuppressWarnings("unchecked")
    private void save(String file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of(
                "x", 0,
                "y", 0,
                "width", ((Number) size.get("width")).doubleValue(),
                "height", Math.min(((Number) size.get("height")).doubleValue(), 6000),
                "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.write(screenshots.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
