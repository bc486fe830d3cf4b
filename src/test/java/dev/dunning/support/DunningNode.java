package dev.dunning.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Dunning node in a JVM of its own, started the way an operator starts the jar: the main class on the
 * application's class path, the {@code postgres} profile, the system clock, settings as command-line
 * properties. Killing it is {@code SIGKILL}: nothing of the application runs on the way out.
 * <p>
 * The node's output goes to {@code target/nodes/<name>.log}, which a failing test points at.
 */
public final class DunningNode implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "node-admin-password";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DunningNode(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a node on {@code database} with {@code home} as its {@code dunning.home}; {@code properties} add to or
     * override the defaults of a production node. Returns at once; {@link #awaitUp(Duration)} waits for it.
     */
    public static DunningNode start(String name, String database, Path home, Map<String, String> properties,
            String... jvmOptions) {
        int port = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "postgres");
        settings.put("spring.datasource.url", database);
        settings.put("spring.datasource.username", PostgresTestDatabase.user());
        settings.put("spring.datasource.password", "");
        settings.put("server.port", Integer.toString(port));
        settings.put("dunning.home", home.toAbsolutePath().toString());
        settings.put("dunning.imports.drop-folder", home.toAbsolutePath().resolve("drop").toString());
        settings.put("dunning.answers.secret", "cluster-test-secret-of-more-than-32-characters");
        settings.put("dunning.public-url", "http://127.0.0.1:" + port);
        settings.put("flowable.process.async.executor.lock-owner", name);
        settings.putAll(properties);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions));
        command.add("-cp");
        command.add(applicationClassPath());
        command.add("dev.dunning.DunningApplication");
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));

        Path log = Path.of("target", "nodes", name + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    // a restarted node goes on writing the same log
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .directory(home.toFile());
            builder.environment().put("DUNNING_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Process process = builder.start();
            return new DunningNode(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
    }

    /** The application's classes and libraries, without the test classes (their configurations would be scanned). */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().toString().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the node answers its health check, or fails with the end of its log. */
    public DunningNode awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " stopped with exit code " + process.exitValue()
                        + " while starting:\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health/node"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("node " + name + " did not come up within " + timeout + ":\n" + tail());
    }

    /** An admin's request to the node; the answer's body, or a failure naming the node, status and body. */
    public String post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(url(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), Duration.ofMinutes(30));
    }

    /** Posts a file as it is on disk, for registries too large to hold in memory. */
    public String postFile(String path, String contentType, Path file) {
        try {
            return send(HttpRequest.newBuilder(url(path)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)), Duration.ofHours(2));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET(), Duration.ofMinutes(1));
    }

    private String send(HttpRequest.Builder request, Duration timeout) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Basic " + auth)
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("node " + name + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("node " + name + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the JVM ends at once, in the middle of whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring closes the application gracefully. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines the node wrote, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))
                    + "\n(whole log: " + log + ")";
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Whether the node's log holds this text (an error it should never write, say). */
    public boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
