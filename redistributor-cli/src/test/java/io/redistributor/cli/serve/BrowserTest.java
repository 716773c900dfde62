package io.redistributor.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * End-to-end test of the serve page in the system's headless Chromium, driven by Selenium
 * WebDriver through the system's chromedriver. Skipped when either program is missing.
 */
class BrowserTest {
    private static final File CHROMIUM = new File(System.getProperty("redistributor.chromium", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getProperty("redistributor.chromedriver",
        "/usr/bin/chromedriver"));
    /** Where the screenshot is saved (the module's build folder). */
    private static final Path SCREENSHOT = Path.of("target", "serve-browser.png");

    @TempDir
    Path tmp;

    @Test
    void matchesTwoBundledPhotosInARealBrowser() throws Exception {
        assumeTrue(CHROMIUM.canExecute(), () -> CHROMIUM + " is missing (apt-get install chromium)");
        assumeTrue(DRIVER.canExecute(), () -> DRIVER + " is missing (apt-get install chromium-driver)");
        try (WebServer server = WebServer.start(ServerConfig.local(0).withTempParent(tmp))) {
            WebDriver driver = browser();
            try {
                run(driver, server);
            } finally {
                driver.quit();
            }
        }
    }

    private WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + Files.createDirectory(tmp.resolve("profile")), "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
            .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        return new ChromeDriver(service, options);
    }

    private void run(WebDriver driver, WebServer server) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        driver.get(server.uri().toString());
        waitFor("the page to load", () -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));

        // a file that is not an image: the page shows the server's message
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a picture", StandardCharsets.UTF_8);
        driver.findElement(By.id("source-file")).sendKeys(text.toString());
        WebElement error = driver.findElement(By.id("error"));
        waitFor("the upload error", error::isDisplayed);
        assertTrue(error.getText().contains("not an image"), error::getText);

        choose(driver, "method", "per-channel");
        choose(driver, "source-example", "coffee");
        waitFor("the source preview", () -> loaded(js, "source-img"));
        choose(driver, "reference-example", "chelsea");
        waitFor("the reference preview", () -> loaded(js, "reference-img"));
        WebElement result = driver.findElement(By.id("result"));
        waitFor("the result", () -> "done".equals(result.getAttribute("data-state")));
        assertTrue(!error.isDisplayed(), error::getText);

        assertTrue(loaded(js, "result-img"));
        // mean absolute difference of the result and source previews (0..255), drawn on canvases
        Number diff = (Number) js.executeScript(
            "const a = document.getElementById('result-img'), b = document.getElementById('compare-before');"
                + "function px(img) { const c = document.createElement('canvas'); c.width = img.naturalWidth;"
                + "  c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                + "  return g.getImageData(0, 0, c.width, c.height).data; }"
                + "const p = px(a), q = px(b); let s = 0;"
                + "for (let i = 0; i < p.length; i++) { if (i % 4 !== 3) s += Math.abs(p[i] - q[i]); }"
                + "return s / (p.length * 3 / 4);");
        // coffee recoloured like the grey-green cat photo changes by tens of levels on average;
        // an unchanged image would give 0
        assertTrue(diff.doubleValue() > 5, () -> "mean difference " + diff);
        // one row for the sliced distance, three for L*, a*, b*, one for SSIM
        assertEquals(5, driver.findElements(By.cssSelector("#metrics tbody tr")).size());
        List<WebElement> curves = driver.findElements(By.cssSelector("#curves path"));
        assertEquals(3, curves.size());
        String href = driver.findElement(By.id("download")).getAttribute("href");
        assertTrue(href.endsWith("/result"), href);
        // the download is the full-resolution JPEG of the source's size (bundled coffee: 256 x 171)
        Object size = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => r.blob()).then(b => createImageBitmap(b))"
            + ".then(i => done(i.width + 'x' + i.height), e => done(String(e)));", href);
        assertEquals("256x171", size);
        // the before/after slider uncovers the result from its position to the right edge
        js.executeScript("const s = document.getElementById('slider'); s.value = 20;"
            + "s.dispatchEvent(new Event('input'));");
        String clip = (String) js.executeScript("return document.getElementById('result-img').style.clipPath;");
        assertEquals("inset(0px 0px 0px 20%)", clip.replace("inset(0 0 0 20%)", "inset(0px 0px 0px 20%)"));
        js.executeScript("const s = document.getElementById('slider'); s.value = 50;"
            + "s.dispatchEvent(new Event('input'));");

        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = Files.createTempFile(SCREENSHOT.getParent(), "serve-browser", ".tmp");
        Files.write(shot, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        Files.move(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void choose(WebDriver driver, String select, String value) {
        driver.findElement(By.cssSelector("#" + select + " option[value='" + value + "']")).click();
    }

    private static boolean loaded(JavascriptExecutor js, String id) {
        Object w = js.executeScript("const i = document.getElementById(arguments[0]);"
            + "return i.complete && !i.hidden ? i.naturalWidth : 0;", id);
        return ((Number) w).intValue() > 0;
    }

    /** Polls a condition every 100 ms for at most 60 s (generous: the machine may be busy). */
    private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
