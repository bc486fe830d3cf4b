package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import dev.dunning.notify.Notices;

/**
 * A plan is checked against the notice templates it sends when it is deployed. The home folder of this context
 * holds an edited template that uses a promise date without guarding it, as a careless edit would.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:dunning-template-checks;DB_CLOSE_DELAY=-1",
        "dunning.home=target/template-checks-home"})
class TemplateChecksTest {

    static {
        write("templates/notices/ru/careless-reminder.ftl", """
                <#assign subject>Напоминание</#assign>
                Здравствуйте, ${customerName}!
                Вы обещали заплатить ${promisedOn}.""");
        write("templates/notices/ru/careless-reminder.sms.ftl", "Долг ${conditionalDebt ${currency}");
        write("templates/notices/en/careless-reminder.ftl", """
                <#assign subject>Reminder</#assign>
                Dear ${customerName}, <#if promisedOn??>you promised to pay on ${promisedOn}.</#if>""");
    }

    @Autowired
    Notices notices;
    @Autowired
    PlanCatalog catalog;

    @Test
    void aTemplateThatUsesAnOptionalValueUnguardedOrDoesNotParseIsReportedWithFileAndLine() {
        List<String> problems = notices.check("careless-reminder", List.of("email", "sms"));

        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .contains("templates/notices/ru/careless-reminder.ftl failed at line 3").contains("promisedOn"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .contains("templates/notices/ru/careless-reminder.sms.ftl has an error at line 1"));
        assertThat(notices.check("first-reminder", List.of("email", "sms", "letter"))).isEmpty();
    }

    @Test
    void aPlanThatSendsABrokenOrMissingTemplateIsRefusedWithTheActivityAndTheFile() {
        assertThatThrownBy(() -> catalog.deploy("careless.bpmn20.xml", plan("""
                <serviceTask id="sendCarelessReminder" flowable:expression="${plan.sendNotice(execution, 'careless-reminder', 'email')}"/>
                <sequenceFlow id="f2" sourceRef="sendCarelessReminder" targetRef="sendMissing"/>
                <serviceTask id="sendMissing" flowable:expression="${plan.sendNotice(execution, 'no-such-notice', 'sms,email')}"/>""")))
                .isInstanceOfSatisfying(InvalidPlanException.class, refused -> assertThat(refused.problems())
                        .anySatisfy(problem -> assertThat(problem.element()).isEqualTo("sendCarelessReminder"))
                        .anySatisfy(problem -> assertThat(problem.message()).contains("careless-reminder.ftl failed at line 3"))
                        .anySatisfy(problem -> assertThat(problem).isEqualTo(new PlanProblem("sendMissing",
                                "notice template 'no-such-notice' exists in no locale (templates/notices/<locale>/no-such-notice.ftl)"))));
    }

    private static ByteArrayResource plan(String activities) {
        return new ByteArrayResource(("""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:dunning="https://dunning.dev/bpmn" targetNamespace="test">
                  <process id="careless" isExecutable="true" dunning:graceDays="5" dunning:minimumAmount="100.00">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="sendCarelessReminder"/>
                    %s
                    <sequenceFlow id="f3" sourceRef="sendMissing" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""").formatted(activities).getBytes(StandardCharsets.UTF_8));
    }

    private static void write(String relative, String content) {
        Path file = Path.of("target/template-checks-home").resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
