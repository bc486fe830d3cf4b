package dev.dunning.channels.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Telegram's Bot API as a local HTTP server on 127.0.0.1: {@code POST /bot<token>/<method>} with JSON, answering
 * as Telegram does ({@code {"ok":true,"result":...}}) unless a test queued another answer.
 */
final class FakeBotApi {

    /** One call the bot made. */
    record Call(String token, String method, JsonNode body) {
    }

    private record Reply(int status, String json) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messageIds = new AtomicInteger(4100);

    private FakeBotApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeBotApi start() {
        return new FakeBotApi();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next call gets this answer instead of success. */
    void answerNext(int status, String body) {
        queued.add(new Reply(status, body));
    }

    List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    void forget() {
        calls.clear();
        queued.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        byte[] request = exchange.getRequestBody().readAllBytes();
        String method = path.length > 2 ? path[2] : "";
        String token = path.length > 1 && path[1].startsWith("bot") ? path[1].substring(3) : "";
        boolean isJson = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json");
        calls.add(new Call(token, method, isJson ? json.readTree(request) : null));
        Reply reply = queued.poll();
        if (reply == null) {
            reply = switch (method) {
                case "sendMessage" -> new Reply(200, "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.incrementAndGet()
                        + ",\"date\":1772427600,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"...\"}}");
                case "answerCallbackQuery" -> new Reply(200, "{\"ok\":true,\"result\":true}");
                case "getMe" -> new Reply(200, "{\"ok\":true,\"result\":{\"id\":123456,\"is_bot\":true,"
                        + "\"username\":\"dunning_test_bot\"}}");
                default -> new Reply(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            };
        }
        byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
