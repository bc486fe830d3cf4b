package dev.dunning.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for page tests: Debian's {@code chromium} driven by {@code chromium-driver}, headless, one per
 * test. Without them a developer's run skips the test with a note; a CI run ({@code CI=true}) fails, since
 * {@code .ci/run} installs them. A screenshot of the last page of each test is kept under
 * {@code target/browser-screenshots}.
 */
public class Browser implements BeforeEachCallback, AfterEachCallback {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DUNNING_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("DUNNING_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private WebDriver driver;
    private String baseUrl;

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String missing = "no " + CHROMIUM + " or " + DRIVER + " (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))
                    || "true".equalsIgnoreCase(System.getProperty("dunning.test.require-postgres"))) {
                throw new IllegalStateException("browser tests are required (CI=true) but there is " + missing);
            }
            Assumptions.abort(missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (driver == null) {
            return;
        }
        try {
            Path folder = Files.createDirectories(Path.of("target", "browser-screenshots"));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(folder.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png"), png);
        } finally {
            driver.quit();
            driver = null;
        }
    }

    public Browser at(int port) {
        this.baseUrl = "http://localhost:" + port;
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    public void logIn(String user, String password) {
        open("/login?lang=en");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
    }

    /** The element, once the page has it (a page still loading after a click gets up to 20 seconds). */
    public WebElement find(By by) {
        return await(page -> page.findElement(by));
    }

    /**
     * Waits up to 20 seconds for {@code condition} to give a value (not null or false). Elements that htmx or a
     * page load replaced while the condition read them (stale elements) are looked up again on the next try.
     */
    public <T> T await(java.util.function.Function<WebDriver, T> condition) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /**
     * Waits until the page says {@code expected} and gives its text: after a click that sends a form the old page
     * stays until the answer replaces it, so reading at once may read the old page, or a body that is going away.
     */
    public String awaitText(String expected) {
        try {
            return await(driver -> {
                String body = driver.findElement(By.tagName("body")).getText();
                return body.contains(expected) ? body : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page never said '" + expected + "'; it says: " + text(), e);
        }
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }
}
