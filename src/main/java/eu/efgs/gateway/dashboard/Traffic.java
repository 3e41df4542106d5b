package eu.efgs.gateway.dashboard;

import eu.efgs.gateway.statistics.DailyStatistics;
import eu.efgs.gateway.statistics.StatisticsService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic panel, from the statistics the gateway already keeps (the same figures as GET statistics): today
 * read live, the days before from {@link PastDays}.
 */
@ApplicationScoped
public class Traffic {

    @Inject
    StatisticsService statistics;

    @Inject
    DashboardConfig config;

    @Inject
    Clock clock;

    private PastDays<List<DailyStatistics>> pastDays;

    @PostConstruct
    void init() {
        pastDays = new PastDays<>(config.pastDaysTtl(), clock);
    }

    public TrafficPanel read(Viewer viewer, Window window) {
        Window past = window.past();
        List<DailyStatistics> rows = new ArrayList<>(pastDays.get(viewer.only().orElse("*"), past,
                () -> statistics.daily(past.from(), past.to(), viewer.only())));
        rows.addAll(statistics.daily(window.to(), window.to(), viewer.only()));
        Map<String, Map<LocalDate, DailyStatistics>> byCountry = new TreeMap<>();
        for (DailyStatistics day : rows) {
            byCountry.computeIfAbsent(day.country(), country -> new TreeMap<>()).put(day.date(), day);
        }
        List<TrafficPanel.Country> countries = new ArrayList<>();
        long uploaded = 0;
        long downloaded = 0;
        for (Map.Entry<String, Map<LocalDate, DailyStatistics>> country : byCountry.entrySet()) {
            TrafficPanel.Country one = country(country.getKey(), country.getValue(), window);
            countries.add(one);
            uploaded += one.keysUploaded();
            downloaded += one.keysDownloaded();
        }
        return new TrafficPanel(window.from(), window.to(), uploaded, downloaded, countries);
    }

    private static TrafficPanel.Country country(String country, Map<LocalDate, DailyStatistics> known,
                                                Window window) {
        List<TrafficPanel.Day> days = new ArrayList<>();
        long uploads = 0;
        long keysUploaded = 0;
        long downloads = 0;
        long keysDownloaded = 0;
        for (LocalDate date : window.days()) {
            DailyStatistics day = known.get(date);
            if (day == null) {
                days.add(TrafficPanel.Day.none(date));
                continue;
            }
            days.add(new TrafficPanel.Day(date, day.uploads(), day.keysUploaded(), day.downloads(),
                    day.keysDownloaded()));
            uploads += day.uploads();
            keysUploaded += day.keysUploaded();
            downloads += day.downloads();
            keysDownloaded += day.keysDownloaded();
        }
        return new TrafficPanel.Country(country, uploads, keysUploaded, downloads, keysDownloaded, days);
    }
}
