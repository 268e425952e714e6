package dev.trainyard.testsupport;

import io.restassured.RestAssured;
import java.util.Arrays;
import java.util.Optional;

/** One scrape of a service's {@code /q/metrics} under test, read as Prometheus text. */
public record PrometheusScrape(String text) {

    public static PrometheusScrape now() {
        // What a Prometheus server asks for; without it the registry answers in OpenMetrics.
        String body = RestAssured.given()
                .accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                .extract()
                .asString();
        return new PrometheusScrape(body);
    }

    /**
     * The value of the series with this name whose labels include every given {@code key="value"} pair;
     * empty when no such series is served.
     */
    public Optional<Double> value(String name, String... labels) {
        return text.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.contains(label)))
                .map(line -> Double.valueOf(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    public boolean hasSeriesStartingWith(String prefix) {
        return text.lines().anyMatch(line -> line.startsWith(prefix));
    }
}
