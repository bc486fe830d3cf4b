package dev.dunning.support;

import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The REST API as a given demo user sees it (user name = password in the test profile). */
public final class Api {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private final TestRestTemplate rest;

    private Api(TestRestTemplate rest) {
        this.rest = rest;
    }

    public static Api as(TestRestTemplate rest, String user) {
        return new Api(rest.withBasicAuth(user, user));
    }

    public Map<String, Object> get(String path) {
        return ok(rest.exchange(path, HttpMethod.GET, null, OBJECT), path);
    }

    public List<Map<String, Object>> list(String path) {
        return ok(rest.exchange(path, HttpMethod.GET, null, LIST), path);
    }

    public Map<String, Object> post(String path, Object json) {
        return ok(postForResponse(path, json), path);
    }

    public ResponseEntity<Map<String, Object>> postForResponse(String path, Object json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), OBJECT);
    }

    public ResponseEntity<Map<String, Object>> getForResponse(String path) {
        return rest.exchange(path, HttpMethod.GET, null, OBJECT);
    }

    /** Posts a CSV registry to {@code /api/imports/{kind}} and returns the import report. */
    public Map<String, Object> importCsv(String kind, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv"));
        return ok(rest.exchange("/api/imports/" + kind, HttpMethod.POST, new HttpEntity<>(csv, headers), OBJECT),
                "/api/imports/" + kind);
    }

    private static <T> T ok(ResponseEntity<T> response, String path) {
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError(path + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response.getBody();
    }
}
