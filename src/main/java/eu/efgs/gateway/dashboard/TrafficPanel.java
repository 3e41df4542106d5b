package eu.efgs.gateway.dashboard;

import java.time.LocalDate;
import java.util.List;

/** Keys uploaded and downloaded per country and UTC day, with totals; every day of the window is listed. */
public record TrafficPanel(LocalDate from, LocalDate to, long keysUploaded, long keysDownloaded,
                           List<Country> countries) {

    /** One country's traffic: totals over the window and a row per day. */
    public record Country(String country, long uploads, long keysUploaded, long downloads, long keysDownloaded,
                          List<Day> days) {
    }

    /** One country's traffic on one day. */
    public record Day(LocalDate date, long uploads, long keysUploaded, long downloads, long keysDownloaded) {
        static Day none(LocalDate date) {
            return new Day(date, 0, 0, 0, 0);
        }
    }
}
