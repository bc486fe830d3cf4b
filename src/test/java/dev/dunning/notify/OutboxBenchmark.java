package dev.dunning.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;


import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.support.PostgresTest;

/**
 * How much the outbox adds over raw sending: the same number of reminders sent straight to the server and dispatched
 * by the outbox from PostgreSQL (claim, contact rules, send, record, timeline), each way once to warm up first, with
 * {@code bench.senders} threads both ways; for email one SMTP connection per message, as the channel does; for SMS
 * one form post per message to a local gateway. Run with {@code ./mvnw verify -Pbench}; prints {@code BENCH} lines and
 * fails on nothing but lost or doubled notices.
 * Size: {@code -Dbench.notices=100000}; one channel only: {@code -Dbench.channels=sms}; the SMS gateway in this JVM
 * instead of a process of its own: {@code -Dbench.sms-gateway=jvm}.
 */
@PostgresTest
@TestPropertySource(properties = {
        "flowable.async-executor-activate=false",
        "logging.level.dev.dunning=WARN",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        // 10:00 in Moscow on a working day: every reminder is allowed at once.
        "dunning.clock.start=2026-03-03T07:00:00Z",
        "dunning.notify.sms.enabled=true",
        "dunning.notify.sms.format=form",
        "dunning.notify.sms.fields.To={recipient}",
        "dunning.notify.sms.fields.From=Dunning",
        "dunning.notify.sms.fields.Body={text}",
        "dunning.notify.sms.provider-ref=/sid",
        "dunning.notify.sms.country-code=7"})
class OutboxBenchmark {

    private static final int NOTICES = Integer.getInteger("bench.notices", 100_000);
    private static final String CHANNELS = System.getProperty("bench.channels", "email,sms");
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 10_000);
    /** Threads sending at once, for raw sending and the outbox alike. */
    private static final int SENDERS = Integer.getInteger("bench.senders", 16);
    /**
     * {@code process}: the SMS gateway is a server in a process of its own, as a provider's API is; {@code jvm}: it
     * answers inside this JVM at almost no cost, which shows the outbox's own cost almost one to one.
     */
    private static final String SMS_GATEWAY = System.getProperty("bench.sms-gateway", "process");
    private static final int SMTP_PORT = freePort();
    private static final int SMS_PORT = freePort();
    private static Process smtpServer;
    private static Process smsServer;
    private static com.sun.net.httpserver.HttpServer smsInThisJvm;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    NamedParameterJdbcTemplate batch;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JavaMailSender mail;
    @Autowired
    NotifyProperties properties;

    /**
     * A real SMTP server in a process of its own: aiosmtpd (Debian's python3-aiosmtpd) accepting and dropping
     * every message. GreenMail, which the tests use, answers in small writes that meet TCP's delayed
     * acknowledgements and caps any client near 90 messages a second: it would measure itself, not the outbox.
     */
    @BeforeAll
    static void startServers() throws Exception {
        smtpServer = listening(new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-c",
                "aiosmtpd.handlers.Sink", "-l", "127.0.0.1:" + SMTP_PORT), SMTP_PORT,
                "the benchmark needs Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd)");
        if (SMS_GATEWAY.equals("jvm")) {
            smsInThisJvm = smsGatewayInThisJvm();
        } else {
            // A Twilio-style gateway in Python's standard library (src/test/resources/bench/sms-gateway.py).
            java.nio.file.Path script = java.nio.file.Files.createTempFile("sms-gateway", ".py");
            try (var in = OutboxBenchmark.class.getResourceAsStream("/bench/sms-gateway.py")) {
                java.nio.file.Files.write(script, in.readAllBytes());
            }
            smsServer = listening(new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(SMS_PORT)),
                    SMS_PORT, "the SMS gateway needs /usr/bin/python3");
        }
    }

    private static Process listening(ProcessBuilder command, int port, String needs) throws Exception {
        Process server = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int tries = 0; tries < 100; tries++) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return server;
            } catch (java.io.IOException notYet) {
                if (!server.isAlive()) {
                    throw new IllegalStateException(needs + ": " + command.command() + " exited with "
                            + server.exitValue());
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(command.command() + " did not listen on port " + port + " within 10 s");
    }

    @AfterAll
    static void stopServers() {
        smtpServer.destroy();
        if (smsServer != null) {
            smsServer.destroy();
        }
        if (smsInThisJvm != null) {
            smsInThisJvm.stop(0);
        }
    }

    /** A local SMS gateway in this JVM: takes a form post, answers with an id, as a Twilio-style gateway does. */
    private static com.sun.net.httpserver.HttpServer smsGatewayInThisJvm() {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits out a delayed ACK (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", SMS_PORT),
                    128);
            java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
            server.createContext("/messages", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] answer = ("{\"sid\":\"SM" + ids.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(SENDERS));
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String smsUrl() {
        return "http://127.0.0.1:" + SMS_PORT + "/messages";
    }

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("dunning.notify.sms.url", OutboxBenchmark::smsUrl);
        registry.add("dunning.notify.senders", () -> SENDERS);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void remindersByEmailAndSmsThroughTheOutboxAgainstRawSending() throws Exception {
        if (CHANNELS.contains("email")) {
            email();
        }
        if (CHANNELS.contains("sms")) {
            sms();
        }
    }

    private void sms() throws Exception {
        int senders = properties.senders();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.IntConsumer post = n -> {
            // The JDK client now and then reuses a connection the server just closed: try such a post again, as the
            // outbox would retry it.
            for (int attempt = 1; ; attempt++) {
                try {
                    postOnce(client, n);
                    return;
                } catch (java.io.UncheckedIOException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        };
        // Both ways once before measuring, so that neither is measured while the JIT compiler still works on it.
        insertCustomersAndNotices(WARM_UP, "sms", "warm-up");
        inParallel(WARM_UP, senders, post);
        time.runDueNow();
        insertCustomersAndNotices(NOTICES, "sms", "measured");

        long rawStarted = System.nanoTime();
        inParallel(NOTICES, senders, post);
        double rawRate = NOTICES / seconds(rawStarted);
        figure("raw SMS gateway", "%,d form posts to a gateway in %s, %d threads: %,.0f messages/s", NOTICES,
                SMS_GATEWAY.equals("jvm") ? "this JVM" : "a process of its own", senders, rawRate);

        long outboxStarted = System.nanoTime();
        time.runDueNow();
        double outboxSeconds = seconds(outboxStarted);
        double outboxRate = NOTICES / outboxSeconds;
        // A post the gateway dropped is retried a minute later, as in production: let that happen before counting.
        time.advance(java.time.Duration.ofMinutes(2));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notice n JOIN notice_delivery d ON d.notice_id = n.notice_id "
                + "WHERE d.status = 'sent' AND n.channel = 'sms' AND n.notice_id LIKE 'bench-measured-%'")
                .query(Integer.class).single()).isEqualTo(NOTICES);

        long againStarted = System.nanoTime();
        inParallel(NOTICES, senders, post);
        double againRate = NOTICES / seconds(againStarted);
        figure("raw SMS again", "%,.0f messages/s", againRate);
        double meanRaw = (rawRate + againRate) / 2;
        figure("outbox SMS", "%,d notices, %d senders: %.1f s = %,.0f notices/s, %.0f%% slower than raw sending "
                + "(mean of both raw runs; target <= 20%%)", NOTICES, senders, outboxSeconds, outboxRate,
                100 * (meanRaw / outboxRate - 1));
    }

    private static void postOnce(java.net.http.HttpClient client, int n) {
        try {
            String form = "Body=" + java.net.URLEncoder.encode(SMS, StandardCharsets.UTF_8) + "&From=Dunning&To=%2B7900"
                    + (1000000 + n);
            var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(smsUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("gateway answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void inParallel(int count, int threads, java.util.function.IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    work.accept(n);
                }
                return null;
            }));
        }
        for (Future<?> each : running) {
            each.get();
        }
        pool.shutdown();
    }

    private static final String SMS = "Dunning demo: долг 12 345,67 RUB. Пожалуйста, оплатите.";

    private void email() throws Exception {
        int senders = properties.senders();
        insertCustomersAndNotices(WARM_UP, "email", "warm-up");
        sendRaw(WARM_UP, senders);
        time.runDueNow();
        insertCustomersAndNotices(NOTICES, "email", "measured");

        long rawStarted = System.nanoTime();
        sendRaw(NOTICES, senders);
        double rawSeconds = seconds(rawStarted);
        double rawRate = NOTICES / rawSeconds;
        figure("raw SMTP", "%,d messages, %d threads, one connection each: %.1f s = %,.0f messages/s", NOTICES, senders,
                rawSeconds, rawRate);

        long outboxStarted = System.nanoTime();
        time.runDueNow();
        double outboxSeconds = seconds(outboxStarted);
        double outboxRate = NOTICES / outboxSeconds;
        time.advance(java.time.Duration.ofMinutes(2));
        int sent = jdbc.sql("SELECT COUNT(*) FROM notice n JOIN notice_delivery d ON d.notice_id = n.notice_id "
                + "WHERE d.status = 'sent' AND n.channel = 'email' AND n.notice_id LIKE 'bench-measured-%'")
                .query(Integer.class).single();
        assertThat(sent).isEqualTo(NOTICES);

        // Raw sending once more, so that a machine busier in one half than in the other shows in the figures.
        long againStarted = System.nanoTime();
        sendRaw(NOTICES, senders);
        double againRate = NOTICES / seconds(againStarted);
        figure("raw SMTP again", "%,.0f messages/s", againRate);
        double meanRaw = (rawRate + againRate) / 2;
        figure("outbox email", "%,d notices, %d senders: %.1f s = %,.0f notices/s, %.0f%% slower than raw sending "
                + "(mean of both raw runs; target <= 20%%)", NOTICES, senders, outboxSeconds, outboxRate,
                100 * (meanRaw / outboxRate - 1));
    }

    private void sendRaw(int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    MimeMessage message = mail.createMimeMessage();
                    MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
                    helper.setFrom("billing@dunning.example");
                    helper.setTo("raw-" + n + "@example.org");
                    helper.setSubject("Напоминание об оплате — Dunning demo");
                    helper.setText(BODY, false);
                    mail.send(message);
                }
                return null;
            }));
        }
        for (Future<?> each : running) {
            each.get();
        }
        pool.shutdown();
    }

    private static final String BODY = """
            Здравствуйте, Иван Петров!

            Напоминаем, что на 3 марта 2026 г. за вами числится задолженность 12 345,67 RUB.
            Пожалуйста, оплатите её в ближайшее время. Если вы уже заплатили, спасибо.

            С уважением,
            Dunning demo""";

    private void insertCustomersAndNotices(int count, String channel, String run) {
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        int chunk = 5_000;
        for (int from = 0; from < count; from += chunk) {
            List<SqlParameterSource> customers = new ArrayList<>();
            List<SqlParameterSource> notices = new ArrayList<>();
            for (int n = from; n < Math.min(count, from + chunk); n++) {
                String customerId = "B-" + run + "-" + channel + "-" + n;
                String phone = "+7900" + (1000000 + n);
                customers.add(new MapSqlParameterSource().addValue("id", customerId)
                        .addValue("email", "debtor-" + n + "@example.org").addValue("phone", phone).addValue("now", now));
                notices.add(new MapSqlParameterSource().addValue("id", "bench-" + run + "-" + channel + "-" + n)
                        .addValue("key", "bench-" + run + "-case-" + channel + n + ":sendFirstReminder:1")
                        .addValue("customer", customerId)
                        .addValue("case", "bench-" + run + "-case-" + channel + n).addValue("channel", channel)
                        .addValue("recipient", channel.equals("sms") ? phone : "debtor-" + n + "@example.org")
                        .addValue("body", channel.equals("sms") ? SMS : BODY).addValue("now", now));
            }
            batch.batchUpdate("""
                    INSERT INTO customer (customer_id, name, group_name, email, phone, locale, time_zone, updated_at)
                    VALUES (:id, 'Иван Петров', 'individual', :email, :phone, 'ru', 'Europe/Moscow', :now)""",
                    customers.toArray(SqlParameterSource[]::new));
            batch.batchUpdate("""
                    INSERT INTO notice (notice_id, dedupe_key, customer_id, case_id, step, channel, template, locale,
                                        recipient, subject, body, created_at)
                    VALUES (:id, :key, :customer, :case, 'sendFirstReminder', :channel, 'first-reminder', 'ru', :recipient,
                            'Напоминание об оплате — Dunning demo', :body, :now)""",
                    notices.toArray(SqlParameterSource[]::new));
            batch.batchUpdate("""
                    INSERT INTO notice_delivery (notice_id, created_seq, status, next_attempt_at, attempts)
                    SELECT notice_id, created_seq, 'pending', :now, 0 FROM notice WHERE notice_id = :id""",
                    notices.toArray(SqlParameterSource[]::new));
        }
        // As autovacuum would have by the morning the reminders go out: a table just loaded has no statistics, and
        // PostgreSQL then plans for a small table. Done now, the vacuum and the checkpoint also do not compete with
        // what is measured for the machine's two cores.
        for (String table : List.of("customer", "notice", "notice_delivery", "contact_event", "timeline_event")) {
            jdbc.sql("VACUUM ANALYZE " + table).update();
        }
        jdbc.sql("CHECKPOINT").update();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-22s %s%n", what, String.format(format, values));
    }
}
