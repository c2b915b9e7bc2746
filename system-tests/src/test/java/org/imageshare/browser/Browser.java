// SPDX-License-Identifier: Apache-2.0
package org.imageshare.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.imageshare.system.RunningImageShare;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, with a fresh profile, driven by Debian's chromedriver, plus the few steps the
 * tests repeat. Nothing is skipped: without Chromium the test fails ({@code ./imageshare test} installs it).
 */
public final class Browser implements AutoCloseable {

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final RunningImageShare.Instance app;
    private final Path profile;
    private boolean phone;

    public Browser(RunningImageShare.Instance app) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium and chromedriver are needed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver, or run ./imageshare test");
        }
        this.app = app;
        try {
            this.profile = Files.createTempDirectory("imageshare-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--user-data-dir=" + profile, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    public void open(String path) {
        driver.get(app.url(path));
    }

    public WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    void awaitPath(String path) {
        wait.until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
    }

    public String heading() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText();
    }

    /** The text of the page-level messages once one is shown. */
    String messages() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-messages > div"))).getText();
    }

    public void signInStaff(String username, String password) {
        open("/login.xhtml");
        type("login:username", username);
        type("login:password", password);
        click("login:signIn");
        awaitPath("/staff/index.xhtml");
    }

    void signOut() {
        awaitAjax();
        click("signOutForm:signOut");
        wait.until(d -> d.findElements(By.cssSelector(".notice")).stream()
                .anyMatch(e -> e.getText().contains("signed out")));
    }

    /** Fetches a URL with the browser's cookies (the staff session), as the PDF viewer would. */
    byte[] fetchWithCookies(String href) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpRequest request = HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookies)
                .header("Accept", "application/pdf").timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + href + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until PrimeFaces has no Ajax request in flight (and the page's own scripts have run). */
    public void awaitAjax() {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete'"
                        + " && (!window.PrimeFaces || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty())"
                        + " && (!window.jQuery || jQuery.active === 0)")));
    }

    /** Saves the whole page (the window grown to the page height) as docs/screenshots/NAME.png. */
    public void screenshot(String name) {
        awaitAjax();
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight")).longValue();
        boolean grow = height > before.height - 120 && !phone;
        if (grow) {
            driver.manage().window().setSize(new Dimension(before.width, (int) Math.min(height + 140, 4000)));
        }
        try {
            Path dir = Path.of(System.getProperty("imageshare.root", "..")).resolve("docs/screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (grow) {
                driver.manage().window().setSize(before);
            }
        }
    }

    /** Renders like a phone from now on (390 x 844 CSS pixels, touch, device pixel ratio 2). */
    void emulatePhone() {
        phone = true;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", PHONE.width,
                "height", PHONE.height, "deviceScaleFactor", 2, "mobile", true));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a temporary profile; the OS cleans up what is left
            }
        }
    }
}
