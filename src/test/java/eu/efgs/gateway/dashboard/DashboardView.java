package eu.efgs.gateway.dashboard;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Reads the figures the dashboard page shows, from cell text and the charts' data attributes. */
final class DashboardView {

    record Refusal(String code, String finding) {
    }

    record Callback(String state, long sent, long failed, long pending) {
    }

    private final WebDriver driver;

    DashboardView(WebDriver driver) {
        this.driver = driver;
        if (driver.findElements(By.id("viewer")).isEmpty()) {
            throw new AssertionError("Not the dashboard: " + driver.getPageSource());
        }
    }

    String source() {
        return driver.getPageSource();
    }

    String viewerCountry() {
        return driver.findElement(By.id("viewer")).getAttribute("data-country");
    }

    boolean operator() {
        return Boolean.parseBoolean(driver.findElement(By.id("viewer")).getAttribute("data-operator"));
    }

    /** A chart segment's value, 0 where the chart draws none (no keys that day). */
    long chartValue(String chart, String country, String day) {
        return attribute("#" + chart + " rect[data-series='" + country + "'][data-day='" + day + "']", "data-value");
    }

    long traffic(String country, String field) {
        return number("#traffic-totals tr[data-country='" + country + "'] td[data-field='" + field + "']");
    }

    List<String> trafficCountries() {
        return driver.findElements(By.cssSelector("#traffic-totals tbody tr")).stream()
                .map(row -> row.getAttribute("data-country")).toList();
    }

    long totalKeysUploaded() {
        return number("#total-keys-uploaded");
    }

    long batchDay(String day, String field) {
        return number("#batch-days tr[data-day='" + day + "'] td[data-field='" + field + "']");
    }

    double batchDayValue(String day, String field) {
        return Double.parseDouble(driver.findElement(By.cssSelector("#batch-days tr[data-day='" + day
                + "'] td[data-field='" + field + "']")).getAttribute("data-value"));
    }

    String newestBatch() {
        return driver.findElement(By.id("last-batch")).getAttribute("data-batch-tag");
    }

    long pendingUploads() {
        return attribute("#pending-uploads", "data-value");
    }

    boolean databaseUp() {
        return Boolean.parseBoolean(driver.findElement(By.id("database")).getAttribute("data-up"));
    }

    long refusals(String country, String code) {
        return number("#refusal-counts tr[data-country='" + country + "'][data-code='" + code
                + "'] td[data-field='refusals']");
    }

    List<String> recentRefusalTags() {
        return driver.findElements(By.cssSelector("#recent-refusals tbody tr")).stream()
                .map(row -> row.getAttribute("data-batch-tag")).toList();
    }

    Refusal recentRefusal(String batchTag) {
        WebElement row = driver.findElement(By.cssSelector("#recent-refusals tr[data-batch-tag='" + batchTag + "']"));
        return new Refusal(row.getAttribute("data-code"), row.findElement(By.cssSelector("td.finding")).getText());
    }

    Callback callback(String country, String callbackId) {
        String row = "#callback-subscriptions tr[data-country='" + country + "'][data-callback-id='" + callbackId
                + "'] ";
        return new Callback(driver.findElement(By.cssSelector(row + "td[data-field='state']")).getText()
                .split(" ")[0], number(row + "td[data-field='sent']"), number(row + "td[data-field='failed']"),
                number(row + "td[data-field='pending']"));
    }

    String certificateState(String thumbprint) {
        return driver.findElement(By.cssSelector("#certificate-list tr[data-thumbprint='" + thumbprint + "']"))
                .getAttribute("data-state");
    }

    long certificateDaysLeft(String thumbprint) {
        return number("#certificate-list tr[data-thumbprint='" + thumbprint + "'] td[data-field='daysLeft']");
    }

    /** The number in the element's text, 0 when there is no such element (no row yet). */
    private long number(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? 0 : Long.parseLong(found.get(0).getText().trim());
    }

    private long attribute(String css, String name) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? 0 : Long.parseLong(found.get(0).getAttribute(name));
    }
}
