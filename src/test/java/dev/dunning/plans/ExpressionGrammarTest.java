package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expression grammar of plans: what it lets through and what it refuses, and why. */
class ExpressionGrammarTest {

    private final ExpressionGrammar grammar = new ExpressionGrammar(TestSteps.library());

    @ParameterizedTest
    @ValueSource(strings = {
            "${callOutcome == 'promised'}",
            "${missedCalls >= 3}",
            "${plan.noMoneyCount(execution, 'P14D') >= 3}",
            "${plan.sendNotice(execution, 'pretrial-claim', 'email', 'pdf')}",
            "${plan.dayAfter(promisedOn)}",
            "${empty note ? 'none' : note}",
            "${(amount * 2 + 1) / 3 - 4 % 5 > 10 and not done or !(x != y)}",
            "${x lt 3 && y gt 4 || z le 5}",
            "${-amount < 0}",
            "${true} ${null} ${1.5e3}",
            "P${days}D",
            "${plan.promiseKept(execution) && plan.paymentStillDue(execution)}",
            "${execution}"})
    void allowsVariablesLiteralsOperatorsAndPlanFunctions(String expression) {
        assertThat(grammar.check(expression).refusals()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "${''.getClass().forName('java.lang.Runtime')}|reflection ('.getClass(...)')",
            "${''.class}|reflection ('.class')",
            "${x.getClass()}|reflection ('.getClass(...)')",
            "${a['b']}|bracket access",
            "${plan['sendNotice'](execution)}|bracket access",
            "${a.b}|reading properties ('a.b')",
            "${execution.processInstanceId}|reading properties ('execution.processInstanceId')",
            "${execution.setVariable('x', 1)}|calling 'setVariable' on execution is refused",
            "${note.trim()}|calling 'trim' on 'note' is refused",
            "${fn:upper(x)}|EL functions ('fn:upper(...)')",
            "${variables:get(x)}|EL functions ('variables:get(...)')",
            "#{x}|#{...} is not used in plans",
            "${x = 1}|assignment '=' is not part of the plan grammar",
            "${a; b}|cannot be chained with ';'",
            "${x -> x}|lambda expressions are not part of the plan grammar",
            "${runtimeService}|'runtimeService' names an engine object or an application bean",
            "${processEngineConfiguration != null}|'processEngineConfiguration' names an engine object",
            "${applicationContext.getBean('x')}|calling 'getBean' on 'applicationContext' is refused",
            "${environment}|'environment' names an engine object",
            "${authenticatedUserId == 'admin'}|'authenticatedUserId' names an engine object",
            "${jdbcTemplate}|'jdbcTemplate' names an engine object or an application bean",
            "${dunningEngineConfigurer}|'dunningEngineConfigurer' names",
            "${plan}|'plan' is the step library",
            "${plan.toString()}|'plan.toString' is not a function of Dunning's step library",
            "${plan.wait(1)}|'plan.wait' is not a function",
            "${plan.sendNotice(execution)}|'plan.sendNotice' takes 3 or 4 arguments, not 1",
            "${plan.sendNotice(execution, runtimeService, 'email')}|'runtimeService' names",
            "${plan.dayAfter(x.y)}|reading properties ('x.y')",
            "${1 +}|cannot be parsed"})
    void refusesEverythingElseSayingWhy(String expression, String reason) {
        assertThat(grammar.check(expression).refusals()).as(expression).anySatisfy(refusal ->
                assertThat(refusal).contains(reason));
    }

    @Test
    void reportsThePlanCallsWithTheirLiteralArguments() {
        var calls = grammar.check("${plan.sendNotice(execution, 'first-reminder', 'email,sms') == 'x'"
                + " and plan.noMoneyCount(execution, window) > 2}").calls();

        assertThat(calls).extracting(ExpressionGrammar.PlanCall::function).containsExactly("sendNotice", "noMoneyCount");
        assertThat(calls.get(0).literals()).containsExactly(null, "first-reminder", "email,sms");
        assertThat(calls.get(1).literal(1)).isNull();
    }

    @Test
    void textWithoutAnExpressionIsNotAnExpression() {
        assertThat(ExpressionGrammar.isExpression("P7D")).isFalse();
        assertThat(ExpressionGrammar.isExpression("#{x}")).isTrue();
    }
}
