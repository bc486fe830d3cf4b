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
 * How much the outbox adds over raw sending: the same number of reminders sent straight through the mail
 * sender ({@code senders} threads, one SMTP connection per message, as the channel does) and dispatched by the
 * outbox from PostgreSQL (claim, contact rules, send, record, timeline). Run with {@code ./mvnw verify -Pbench};
 * prints {@code BENCH} lines and fails on nothing but lost or doubled notices.
 * Size: {@code -Dbench.notices=100000}.
 */
@PostgresTest
@TestPropertySource(properties = {
        "flowable.async-executor-activate=false",
        "logging.level.dev.dunning=WARN",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        // 10:00 in Moscow on a working day: every reminder is allowed at once.
        "dunning.clock.start=2026-03-03T07:00:00Z"})
class OutboxBenchmark {

    private static final int NOTICES = Integer.getInteger("bench.notices", 100_000);
    private static final int SMTP_PORT = freePort();
    private static Process smtpServer;

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
    static void startMailServer() throws Exception {
        smtpServer = new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink",
                "-l", "127.0.0.1:" + SMTP_PORT).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int tries = 0; tries < 100; tries++) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", SMTP_PORT)) {
                return;
            } catch (java.io.IOException notYet) {
                if (!smtpServer.isAlive()) {
                    throw new IllegalStateException("the benchmark needs Debian's python3-aiosmtpd "
                            + "(apt-get install python3-aiosmtpd): /usr/bin/python3 -m aiosmtpd exited with "
                            + smtpServer.exitValue());
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("aiosmtpd did not listen on port " + SMTP_PORT + " within 10 s");
    }

    @AfterAll
    static void stopMailServer() {
        smtpServer.destroy();
    }

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void remindersByEmailThroughTheOutboxAgainstRawSending() throws Exception {
        insertCustomersAndNotices(NOTICES);
        int senders = properties.senders();

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
        int sent = jdbc.sql("SELECT COUNT(*) FROM notice WHERE status = 'sent'").query(Integer.class).single();
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

    private void insertCustomersAndNotices(int count) {
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        int chunk = 5_000;
        for (int from = 0; from < count; from += chunk) {
            List<SqlParameterSource> customers = new ArrayList<>();
            List<SqlParameterSource> notices = new ArrayList<>();
            for (int n = from; n < Math.min(count, from + chunk); n++) {
                String customerId = "B-" + n;
                customers.add(new MapSqlParameterSource().addValue("id", customerId)
                        .addValue("email", "debtor-" + n + "@example.org").addValue("now", now));
                notices.add(new MapSqlParameterSource().addValue("id", "bench-notice-" + n)
                        .addValue("key", "bench-case-" + n + ":sendFirstReminder:1").addValue("customer", customerId)
                        .addValue("case", "bench-case-" + n).addValue("recipient", "debtor-" + n + "@example.org")
                        .addValue("body", BODY).addValue("now", now));
            }
            batch.batchUpdate("""
                    INSERT INTO customer (customer_id, name, group_name, email, locale, time_zone, updated_at)
                    VALUES (:id, 'Иван Петров', 'individual', :email, 'ru', 'Europe/Moscow', :now)""",
                    customers.toArray(SqlParameterSource[]::new));
            batch.batchUpdate("""
                    INSERT INTO notice (notice_id, dedupe_key, customer_id, case_id, step, channel, template, locale,
                                        recipient, subject, body, status, created_at, next_attempt_at, attempts)
                    VALUES (:id, :key, :customer, :case, 'sendFirstReminder', 'email', 'first-reminder', 'ru', :recipient,
                            'Напоминание об оплате — Dunning demo', :body, 'pending', :now, :now, 0)""",
                    notices.toArray(SqlParameterSource[]::new));
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void figure(String what, String format, Object... values) {
        System.out.printf("BENCH %-22s %s%n", what, String.format(format, values));
    }
}
