package dev.dunning.upcoming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.clock.BusinessClock;
import dev.dunning.ledger.AmountDue;
import dev.dunning.ledger.RegistryImport;
import dev.dunning.ledger.RegistryKind;
import dev.dunning.plans.PlanCatalog;
import dev.dunning.plans.UpcomingPlanSettings;
import dev.dunning.support.DunningTest;

/** Starting reminders once per customer and due date, also when another node or run got there first. */
@DunningTest
class UpcomingStartsTest {

    @Autowired
    UpcomingStarts starts;
    @Autowired
    PlanCatalog plans;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RegistryImport registries;
    @Autowired
    BusinessClock clock;

    @Test
    void aBatchMeetingAReminderStartedMeanwhileStartsTheOthersAndNotThatOneAgain() {
        String first = customer();
        String second = customer();
        LocalDate dueOn = clock.today().plusDays(40);
        UpcomingPlanSettings plan = plans.latestUpcoming("upcoming-payment").orElseThrow();
        assertThat(starts.start(List.of(start(first, dueOn, plan)))).isEqualTo(1);

        int started = starts.start(List.of(start(first, dueOn, plan), start(second, dueOn, plan)));

        assertThat(started).isEqualTo(1);
        assertThat(processes(first, dueOn)).isEqualTo(1);
        assertThat(processes(second, dueOn)).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("upcoming:" + second + ":" + dueOn)
                .includeProcessVariables().singleResult().getProcessVariables())
                .containsEntry("customerId", second).containsEntry("dueOn", dueOn).hasSize(2);
    }

    private static UpcomingStarts.Start start(String customer, LocalDate dueOn, UpcomingPlanSettings plan) {
        return new UpcomingStarts.Start(new AmountDue(customer, "individual", dueOn, new BigDecimal("100.00")), plan);
    }

    private long processes(String customer, LocalDate dueOn) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey("upcoming:" + customer + ":" + dueOn).count();
    }

    private String customer() {
        String id = "S" + UUID.randomUUID().toString().substring(0, 8);
        registries.importCsv(RegistryKind.CUSTOMERS, new ByteArrayInputStream(
                ("customer_id,name,group\n" + id + ",Customer " + id + ",individual\n").getBytes(StandardCharsets.UTF_8)));
        return id;
    }
}
