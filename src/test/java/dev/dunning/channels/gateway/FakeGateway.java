package dev.dunning.channels.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for SMS, messenger and voice gateways: it records every request and answers each
 * path as a test tells it (status, body, delay).
 */
final class FakeGateway {

    record Request(String path, String method, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeGateway(HttpServer server) {
        this.server = server;
    }

    static FakeGateway start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeGateway gateway = new FakeGateway(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                gateway.requests.add(new Request(path, exchange.getRequestMethod(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                Answer answer = gateway.answers.getOrDefault(path,
                        new Answer(201, "{\"sid\":\"SM" + gateway.ids.incrementAndGet() + "\",\"id\":\"M"
                                + gateway.ids.get() + "\",\"call\":{\"id\":\"C" + gateway.ids.get() + "\"}}", 0));
                if (answer.delayMillis() > 0) {
                    try {
                        Thread.sleep(answer.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(String path, int status, String body, long delayMillis) {
        answers.put(path, new Answer(status, body, delayMillis));
    }

    void reset() {
        requests.clear();
        answers.clear();
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }
}
