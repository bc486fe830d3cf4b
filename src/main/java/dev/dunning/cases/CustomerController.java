package dev.dunning.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.ledger.Customer;
import dev.dunning.ledger.DebtSummary;
import dev.dunning.ledger.Ledger;
import dev.dunning.timeline.Timeline;
import dev.dunning.timeline.TimelineEvent;

/** A customer as the people working the debt see them: contact data, money and the current case. */
@RestController
@RequestMapping("/api/customers/{customerId}")
class CustomerController {

    record CustomerDebtView(
            String customerId, String name, String group, String email, String phone, String telegramChatId,
            String locale, String timeZone, String plan, String address, String building,
            BigDecimal balance, BigDecimal realDebt, BigDecimal conditionalDebt, DebtSummary.Frozen frozen,
            LocalDate oldestDueOn, @JsonProperty("case") CaseSummary currentCase, List<DebtPart> parts) {
    }

    /** {@code case} in JSON; {@code provider} for a provider's case. */
    record CaseSummary(String id, String status, String stage, String plan, int planVersion, String provider) {
    }

    /** Where providers are worked separately, each part of the debt (provider null: what no provider billed). */
    record DebtPart(String provider, String plan, BigDecimal balance, BigDecimal realDebt, BigDecimal conditionalDebt) {
    }

    private final Ledger ledger;
    private final Cases cases;
    private final Timeline timeline;

    CustomerController(Ledger ledger, Cases cases, Timeline timeline) {
        this.ledger = ledger;
        this.cases = cases;
        this.timeline = timeline;
    }

    @GetMapping
    CustomerDebtView get(@PathVariable String customerId) {
        Customer customer = ledger.customer(customerId)
                .orElseThrow(() -> new NoSuchElementException("no customer '" + customerId + "'"));
        DebtSummary debt = ledger.debtOf(customerId);
        CaseSummary current = cases.currentOf(customerId)
                .map(found -> new CaseSummary(found.id(), found.status(), found.stage(), found.plan(), found.planVersion(),
                        found.provider()))
                .orElse(null);
        List<DebtPart> parts = !ledger.worksProvidersSeparately() ? List.of()
                : ledger.debtPartsOf(List.of(customerId)).stream()
                        .map(part -> new DebtPart(part.provider(), part.planKey(), part.balance(), part.realDebt(),
                                part.conditionalDebt()))
                        .toList();
        return new CustomerDebtView(customer.customerId(), customer.name(), customer.group(), customer.email(),
                customer.phone(), customer.telegramChatId(), customer.locale(), customer.timeZone(), debt.planKey(),
                customer.address(), customer.building(), debt.balance(), debt.realDebt(), debt.conditionalDebt(),
                debt.frozen(), debt.oldestDueOn(), current, parts);
    }

    @GetMapping("/timeline")
    List<TimelineEvent> timeline(@PathVariable String customerId) {
        ledger.customer(customerId).orElseThrow(() -> new NoSuchElementException("no customer '" + customerId + "'"));
        return timeline.of(customerId);
    }

    @GetMapping("/cases")
    List<CaseView> cases(@PathVariable String customerId) {
        return cases.of(customerId);
    }
}
