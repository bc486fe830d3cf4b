package dev.dunning.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An SMS gateway on loopback that behaves like a real idempotent one: a message with a dedupe key it has already
 * taken is answered with the first message's id and not sent again. It counts both, so a test can tell
 * "the debtor got one SMS" (deliveries) from "Dunning asked twice" (requests).
 */
public final class RecordingSmsGateway implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final Map<String, AtomicInteger> requestsByKey = new ConcurrentHashMap<>();
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByNode = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong requestsWithoutKey = new AtomicLong();
    private volatile Duration latency = Duration.ZERO;

    public RecordingSmsGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sms", this::send);
        server.setExecutor(threads);
        server.start();
    }

    /** How long each message takes to be accepted, as a real gateway's round trip. */
    public RecordingSmsGateway withLatency(Duration latency) {
        this.latency = latency;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    /**
     * The settings of a node's {@code sms} channel pointing here, with the dedupe key in {@code Idempotency-Key};
     * the gateway counts the requests of each node by {@code node}.
     */
    public Map<String, String> channelSettings(String node) {
        return Map.of(
                "dunning.notify.sms.enabled", "true",
                "dunning.notify.sms.url", url() + "?node=" + node,
                "dunning.notify.sms.format", "json",
                "dunning.notify.sms.fields.to", "{recipient}",
                "dunning.notify.sms.fields.text", "{text}",
                "dunning.notify.sms.provider-ref", "/id",
                "dunning.notify.sms.idempotency-header", "Idempotency-Key",
                "dunning.notify.sms.country-code", "7");
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            String query = exchange.getRequestURI().getQuery();
            String node = query != null && query.startsWith("node=") ? query.substring(5) : "?";
            requestsByNode.computeIfAbsent(node, any -> new AtomicInteger()).incrementAndGet();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String id;
            if (key == null) {
                requestsWithoutKey.incrementAndGet();
                id = "sms-" + ids.incrementAndGet();
            } else {
                requestsByKey.computeIfAbsent(key, any -> new AtomicInteger()).incrementAndGet();
                id = idByKey.computeIfAbsent(key, any -> "sms-" + ids.incrementAndGet());
            }
            byte[] answer = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages the debtors got: one per distinct dedupe key. */
    public int deliveries() {
        return idByKey.size();
    }

    /** The dedupe keys of the messages the debtors got. */
    public java.util.Set<String> deliveredKeys() {
        return java.util.Set.copyOf(idByKey.keySet());
    }

    /** Dedupe keys Dunning handed over more than once, with how often. */
    public Map<String, Integer> repeatedRequests() {
        Map<String, Integer> repeated = new java.util.TreeMap<>();
        requestsByKey.forEach((key, count) -> {
            if (count.get() > 1) {
                repeated.put(key, count.get());
            }
        });
        return repeated;
    }

    /** The requests each node made. */
    public int requestsFrom(String node) {
        AtomicInteger count = requestsByNode.get(node);
        return count == null ? 0 : count.get();
    }

    public long requestsWithoutKey() {
        return requestsWithoutKey.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
