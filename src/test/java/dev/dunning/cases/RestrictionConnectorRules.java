package dev.dunning.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.clock.BusinessClock;
import dev.dunning.clock.BusinessTime;
import dev.dunning.ledger.Freeze;
import dev.dunning.ledger.FreezeRequest;
import dev.dunning.ledger.Freezes;
import dev.dunning.support.LocalMailServer;

/**
 * The utilities plan with a restriction connector: a real HTTP server stands in for the billing system, checks each
 * request's signature as a billing team would, and answers as each test tells it. After the written notice and its
 * 20 days the connector restricts (retrying a 503 under the same request id); a payment restores the service and
 * the debtor is told; a refusal (400) is not retried and leaves the restriction to the managers.
 */
@TestPropertySource(properties = {
        "dunning.notify.letter.enabled=true",
        "dunning.notify.letter.batch-folder=target/letters-restriction",
        "dunning.notify.email.enabled=true",
        "dunning.notify.email.from=billing@dunning.example",
        "spring.mail.host=127.0.0.1",
        "dunning.restriction.secret=" + RestrictionConnectorRules.SECRET,
        "dunning.restriction.retry-delays=10m,1h",
        "dunning.restriction.max-attempts=3"})
abstract class RestrictionConnectorRules {

    static final String SECRET = "the-billing-teams-shared-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One billing system for each test class: each class has its own application, which posts to its port. */
    private static BillingSystem BILLING;

    @RegisterExtension
    static final LocalMailServer SMTP = new LocalMailServer();

    @DynamicPropertySource
    static void addresses(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.port", SMTP::port);
        properties.add("dunning.restriction.url", () -> "http://127.0.0.1:" + BILLING.port() + "/restrictions");
    }

    @BeforeAll
    static void startBilling() {
        BILLING = BillingSystem.start();
    }

    @AfterAll
    static void stopBilling() {
        BILLING.stop();
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    BusinessTime time;
    @Autowired
    BusinessClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Freezes freezes;
    @Autowired
    DisputeReviews disputeReviews;

    @Test
    void afterTheNoticeAndTwentyDaysTheConnectorRestrictsAndOncePaidRestoresAndTheDebtorIsTold() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "4200.00");
        BILLING.answer(plan.customer, 503, 200, 200);
        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(10));
        plan.advance(Duration.ofDays(19));
        assertThat(BILLING.requestsOf(plan.customer)).as("19 days after the written notice").isEmpty();

        plan.advance(Duration.ofDays(1));
        assertThat(plan.currentCase()).containsEntry("stage", "restriction");
        assertThat(BILLING.requestsOf(plan.customer)).as("the first attempt got 503").hasSize(1);
        plan.advance(Duration.ofMinutes(10));

        List<Received> restrict = BILLING.requestsOf(plan.customer);
        assertThat(restrict).hasSize(2).allSatisfy(received -> assertThat(received.signedBySecret()).isTrue());
        assertThat(restrict.get(1).requestId()).as("a retry keeps the request id").isEqualTo(restrict.get(0).requestId());
        assertThat(restrict.get(1).body()).as("and the body").isEqualTo(restrict.get(0).body());
        JsonNode body = restrict.get(0).json();
        assertThat(body.get("action").asText()).isEqualTo("restrict");
        assertThat(body.get("requestId").asText()).isEqualTo(restrict.get(0).requestId());
        assertThat(body.get("customerId").asText()).isEqualTo(plan.customer);
        assertThat(body.get("caseId").asText()).isEqualTo(plan.currentCase().get("id"));
        assertThat(body.get("provider").isNull()).as("a customer-wide case").isTrue();
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("4200.00");
        assertThat(plan.timeline("service-restrict-attempt")).singleElement().asString().contains("HTTP 503")
                .contains("trying again");
        assertThat(plan.timeline("service-restricted")).singleElement().asString()
                .contains("the billing system restricted the service").contains("attempt 2");
        assertThat(plan.taskOf(plan.manager, "restrictService")).as("no managers' task when the connector did it").isNull();
        assertThat(attempts(restrict.get(0).requestId())).containsExactly("retry 503", "done 200");
        List<Map<String, Object>> history = plan.manager.list("/api/cases/" + plan.currentCase().get("id") + "/restrictions");
        assertThat(history).singleElement().satisfies(entry -> {
            assertThat(entry.get("request").toString()).contains("status=done").contains("action=restrict");
            assertThat((List<?>) entry.get("attempts")).hasSize(2);
        });
        assertThat(plan.collector.getForResponse("/api/cases/" + plan.currentCase().get("id") + "/restrictions")
                .getStatusCode().value()).as("managers' and admins' only").isEqualTo(403);

        plan.advance(Duration.ofDays(3));
        plan.pay("4200.00");
        plan.advance(Duration.ofMinutes(1));

        assertThat(plan.currentCase()).containsEntry("status", "settled");
        List<Received> all = BILLING.requestsOf(plan.customer);
        assertThat(all).hasSize(3);
        assertThat(all.get(2).json().get("action").asText()).isEqualTo("restore");
        assertThat(all.get(2).requestId()).isNotEqualTo(restrict.get(0).requestId());
        assertThat(all.get(2).signedBySecret()).isTrue();
        assertThat(plan.timeline("service-restored")).singleElement().asString()
                .contains("the billing system restored the service");
        assertThat(plan.noticeTemplates()).contains("thank-you", "service-restored");
        assertThat(plan.taskOf(plan.manager, "restoreService")).isNull();
    }

    @Test
    void aRefusalIsNotRetriedAndTheManagersRestrictByHand() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "3100.00");
        BILLING.answer(plan.customer, 400);
        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(30));
        plan.advance(Duration.ofHours(3));

        assertThat(BILLING.requestsOf(plan.customer)).as("a 400 is not sent again").hasSize(1);
        assertThat(plan.timeline("service-restrict-refused")).singleElement().asString()
                .contains("HTTP 400: the account is under a court order").contains("the managers take over");
        Map<String, Object> byHand = plan.taskOf(plan.manager, "restrictService");
        assertThat(byHand).as("the managers' task as the fallback").isNotNull();

        plan.complete(plan.manager, byHand, Map.of("restrictionOutcome", "restricted"));
        assertThat(plan.timeline("service-restricted")).singleElement().asString()
                .contains("service restricted in the billing system by manager");

        BILLING.answer(plan.customer, 200);
        plan.pay("3100.00");
        plan.advance(Duration.ofMinutes(1));
        assertThat(BILLING.requestsOf(plan.customer)).as("restored through the connector").hasSize(2)
                .last().satisfies(received -> assertThat(received.json().get("action").asText()).isEqualTo("restore"));
        assertThat(plan.noticeTemplates()).contains("service-restored");
    }

    @Test
    void anAcceptedDisputeRestoresAServiceTheConnectorRestrictedAndTellsTheDebtor() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "2700.00");
        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(30));
        plan.advance(Duration.ofHours(1));
        assertThat(plan.timeline("service-restricted")).hasSize(1);
        String caseId = (String) plan.currentCase().get("id");

        Freeze disputed = freezes.add(plan.customer, new FreezeRequest("dispute", new java.math.BigDecimal("2700.00"),
                null, null, "the meter was replaced in March"), "manager");
        disputeReviews.ask(plan.customer, caseId, disputed, "the meter was replaced in March");
        plan.complete(plan.manager, plan.taskOf(plan.manager, "reviewDispute"),
                Map.of("disputeDecision", "accept", "frozenUntil", plan.today().plusDays(30).toString()));
        plan.advance(Duration.ofMinutes(1));

        List<Received> requests = BILLING.requestsOf(plan.customer);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).json().get("action").asText()).isEqualTo("restore");
        assertThat(requests.get(1).json().get("caseId").asText()).isEqualTo(caseId);
        assertThat(plan.timeline("service-restored")).singleElement().asString()
                .contains("the billing system restored the service");
        assertThat(plan.noticeTemplates()).contains("service-restored");
        assertThat(plan.currentCase()).as("the case waits for the corrected invoices").isNotNull();
    }

    @Test
    void aRequestWhoseAnswerWasNeverRecordedGoesAgainUnderTheSameIdWhenItsLeaseEnds() {
        PlanCase plan = PlanCase.customer(rest, time, clock, "individual", null);
        String requestId = java.util.UUID.randomUUID().toString();
        String body = "{\"requestId\":\"" + requestId + "\",\"action\":\"restore\",\"customerId\":\""
                + plan.customer + "\",\"caseId\":null,\"provider\":null,\"services\":[],\"amount\":0.00}";
        java.time.OffsetDateTime now = clock.now().atOffset(java.time.ZoneOffset.UTC);
        // As a node leaves it that stopped after posting and before recording: claimed, its lease running.
        jdbc.sql("""
                INSERT INTO restriction_request (request_id, action, via, customer_id, body, status, attempts,
                                                 next_attempt_at, lease_until, created_at)
                VALUES (:id, 'restore', 'connector', :customer, :body, 'sending', 1, :now, :lease, :now)""")
                .param("id", requestId).param("customer", plan.customer).param("body", body).param("now", now)
                .param("lease", now.plusMinutes(5)).update();

        plan.advance(Duration.ofMinutes(4));
        assertThat(BILLING.requestsOf(plan.customer)).as("within the lease").isEmpty();
        plan.advance(Duration.ofMinutes(2));

        assertThat(BILLING.requestsOf(plan.customer)).singleElement().satisfies(received -> {
            assertThat(received.requestId()).isEqualTo(requestId);
            assertThat(received.body()).isEqualTo(body);
            assertThat(received.signedBySecret()).isTrue();
        });
        assertThat(attempts(requestId)).containsExactly("unknown 0", "done 200");
        assertThat(plan.timeline("service-restore-attempt")).singleElement().asString()
                .contains("no answer was recorded for attempt 1").contains("same request id");
        assertThat(plan.noticeTemplates()).as("no plan waits: Dunning tells the debtor").containsExactly("service-restored");
    }

    @Test
    void aRestrictionCarriedOutAfterTheDebtWasPaidIsUndoneAtOnce() {
        PlanCase plan = PlanCase.opened(rest, time, clock, "individual", "utilities-individual", "1900.00");
        BILLING.answer(plan.customer, 503, 200, 200);
        plan.advance(Duration.ofDays(12));
        plan.call("refused");
        plan.advance(Duration.ofDays(30));
        assertThat(BILLING.requestsOf(plan.customer)).as("the first attempt got 503").hasSize(1);

        plan.pay("1900.00");
        assertThat(plan.currentCase()).containsEntry("status", "settled");
        plan.advance(Duration.ofMinutes(10));

        List<Received> requests = BILLING.requestsOf(plan.customer);
        assertThat(requests).extracting(received -> received.json().get("action").asText())
                .containsExactly("restrict", "restrict", "restore");
        assertThat(plan.timeline("service-restore-needed")).singleElement().asString()
                .contains("the case ended while the restriction was on its way");
        assertThat(plan.timeline("service-restored")).hasSize(1);
        assertThat(plan.noticeTemplates()).contains("thank-you", "service-restored");
    }

    private List<String> attempts(String requestId) {
        return jdbc.sql("SELECT outcome, http_status FROM restriction_attempt WHERE request_id = :id ORDER BY attempt_id")
                .param("id", requestId).query((rs, row) -> rs.getString(1) + " " + rs.getInt(2)).list();
    }

    /** One request as the billing system got it. */
    record Received(String requestId, String timestamp, String signature, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the request body is not JSON: " + body, e);
            }
        }

        /** Checked as the README tells a billing team to: HMAC-SHA256 of "timestamp.body", hex, after "sha256=". */
        boolean signedBySecret() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = "sha256=" + HexFormat.of().formatHex(
                        mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return expected.equals(signature);
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A billing system on a local port: answers each customer's requests with the statuses given, 200 after them. */
    static final class BillingSystem {

        private final HttpServer server;
        private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
        private final List<Received> received = new CopyOnWriteArrayList<>();

        private BillingSystem(HttpServer server) {
            this.server = server;
        }

        static BillingSystem start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                BillingSystem billing = new BillingSystem(server);
                server.createContext("/restrictions", billing::handle);
                server.start();
                return billing;
            } catch (IOException e) {
                throw new IllegalStateException("no local port for the billing system", e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        void answer(String customerId, Integer... statuses) {
            answers.put(customerId, new ArrayDeque<>(List.of(statuses)));
        }

        List<Received> requestsOf(String customerId) {
            return received.stream().filter(request -> customerId.equals(request.json().path("customerId").asText()))
                    .toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Received request = new Received(exchange.getRequestHeaders().getFirst("X-Dunning-Request-Id"),
                    exchange.getRequestHeaders().getFirst("X-Dunning-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Dunning-Signature"), body);
            received.add(request);
            Deque<Integer> statuses = answers.get(request.json().path("customerId").asText());
            Integer status = statuses == null || statuses.isEmpty() ? 200 : statuses.poll();
            byte[] answer = (status == 400 ? "{\"reason\":\"the account is under a court order\"}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        }
    }
}
