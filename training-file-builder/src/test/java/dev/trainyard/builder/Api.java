package dev.trainyard.builder;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

/** REST Assured calls of the builder's API as tenant A (key test-key-a) unless said otherwise. */
public final class Api {

    public static final String KEY_A = "test-key-a";
    public static final String KEY_B = "test-key-b";

    private Api() {}

    public static RequestSpecification asTenantA() {
        return given().auth().oauth2(KEY_A);
    }

    public static RequestSpecification asTenantB() {
        return given().auth().oauth2(KEY_B);
    }

    public static UUID createFile(String name, String format) {
        return UUID.fromString(asTenantA()
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "made by a test", "format", format))
                .post("/api/training-files")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    public static long lineCount(UUID fileId) {
        return asTenantA()
                .get("/api/training-files/" + fileId)
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("lineCount")
                .longValue();
    }

    /** Streams the download to a file in {@code dir} (never holding it in memory) and returns its path. */
    public static Path download(UUID fileId, String query, Path dir) throws IOException {
        Path target = dir.resolve(fileId + "-" + Math.abs(query.hashCode()) + ".download");
        try (InputStream body = asTenantA()
                .get("/api/training-files/" + fileId + "/download" + query)
                .then()
                .statusCode(200)
                .extract()
                .asInputStream()) {
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
