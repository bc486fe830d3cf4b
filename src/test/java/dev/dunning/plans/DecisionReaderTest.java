package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A decision file is code: only literals and simple comparisons over the declared inputs get through. */
class DecisionReaderTest {

    private static final Set<String> PLANS = Set.of("individual-standard", "business-standard");
    private final DecisionReader reader = new DecisionReader();

    @Test
    void theShippedExampleDecisionIsAccepted() throws Exception {
        byte[] xml = Files.readAllBytes(Path.of("processes/individual-plan-choice.dmn"));

        assertThat(problems(xml)).isEmpty();
        assertThat(reader.read("individual-plan-choice.dmn", xml, PLANS::contains))
                .singleElement().satisfies(decision -> {
                    assertThat(decision.key()).isEqualTo("individual-plan-choice");
                    assertThat(decision.plans()).containsExactly("business-standard", "individual-standard");
                });
    }

    @Test
    void literalsAndComparisonsWithLiteralsAreAccepted() {
        for (String entry : List.of("-", "", "&gt;= 100000", "&lt; 5.5", "== 3", "!= 0", "42")) {
            assertThat(problems(xml("amount", entry, "\"business-standard\""))).as(entry).isEmpty();
        }
        for (String entry : List.of("\"water\"", "== \"heating\"", "!= \"Дом 5\"")) {
            assertThat(problems(xml("service", entry, "\"business-standard\""))).as(entry).isEmpty();
        }
    }

    @Test
    void anInputEntryCallingAMethodOrNamingABeanIsRefusedWithItsRule() {
        for (String entry : List.of("${amount.getClass().forName(&quot;java.lang.Runtime&quot;) != null}",
                "&gt; ledger.debtOf(&quot;x&quot;).realDebt()", "== planGroups", "#{amount &gt; 1}",
                "&gt; amount.longValue()", "${collection:contains(service, &quot;x&quot;)}")) {
            assertThat(problems(xml("amount", entry, "\"business-standard\""))).as(entry).singleElement().asString()
                    .startsWith("choice/rule1: input entry ").contains("is not allowed");
        }
    }

    @Test
    void anInputThatIsAnExpressionOrUnknownIsRefused() {
        assertThat(problems(xml("${ledger}", "-", "\"business-standard\""))).singleElement().asString()
                .isEqualTo("choice/in1: input '${ledger}' is not one of amount, building, group, service, unpaidInvoices"
                        + " (an input is a name, not an expression)");
        assertThat(problems(xml("customer.name", "-", "\"business-standard\""))).hasSize(1);
    }

    @Test
    void anOutputThatIsAnExpressionOrAnUnknownPlanIsRefused() {
        assertThat(problems(xml("amount", "-", "${plan.sendNotice(execution, 'x', 'sms')}"))).singleElement().asString()
                .contains("choice/rule1: output").contains("must be a plan key in double quotes");
        assertThat(problems(xml("amount", "-", "\"gold-plan\""))).containsExactly(
                "choice/rule1: output plan 'gold-plan' is not a deployed collection plan");
    }

    @Test
    void aTextComparedWithANumberOrOrderedIsRefused() {
        assertThat(problems(xml("amount", "\"big\"", "\"business-standard\""))).singleElement().asString()
                .contains("compares amount with text; amount is a number");
        assertThat(problems(xml("service", "&gt; \"a\"", "\"business-standard\""))).singleElement().asString()
                .contains("text is compared with == or != only");
    }

    @Test
    void aDoctypeOrEntityIsRefusedBeforeParsing() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + xml("amount", "&x;", "\"business-standard\"").substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
        assertThat(problems(hostile)).containsExactly("a DTD or entity declaration is not allowed in a decision file");
    }

    @Test
    void aMultiHitPolicyIsRefused() {
        assertThat(problems(xml("amount", "-", "\"business-standard\"").replace("FIRST", "COLLECT")))
                .singleElement().asString().contains("hit policy COLLECT may give several plans");
    }

    private List<String> problems(String xml) {
        return problems(xml.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problems(byte[] xml) {
        List<DecisionReader.PlanProblemText> problems = new ArrayList<>();
        reader.check("test.dmn", xml, PLANS::contains, problems);
        return problems.stream().map(DecisionReader.PlanProblemText::text).toList();
    }

    private static String xml(String input, String entry, String output) {
        return PlanSelectionRules.decisionXml("choice", input, entry, output);
    }
}
