package dev.dunning.installments;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.dunning.installments.InvalidInstallmentException.FieldError;

@RestController
@RequestMapping("/api/customers/{customerId}/installments")
class InstallmentController {

    /**
     * {@code {"amount":"1000.00","payments":3,"firstDueOn":"2026-03-10","interval":"P1M","note":"..","caseId":".."}};
     * {@code payments} is read as a number so that 3.5 is refused rather than cut to 3.
     */
    record ProposalBody(BigDecimal amount, BigDecimal payments, LocalDate firstDueOn, Period interval, String note,
            String caseId) {

        InstallmentProposal proposal() {
            return new InstallmentProposal(amount, wholePayments(), firstDueOn, interval, note);
        }

        private Integer wholePayments() {
            if (payments == null) {
                return null;
            }
            try {
                return payments.intValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidInstallmentException(List.of(new FieldError("payments",
                        "must be a whole number of payments, not " + payments.toPlainString())));
            }
        }
    }

    private final Installments installments;

    InstallmentController(Installments installments) {
        this.installments = installments;
    }

    @PostMapping("/schedule")
    InstallmentSchedule schedule(@PathVariable String customerId, @RequestBody ProposalBody body) {
        return installments.schedule(customerId, body.proposal());
    }

    @PostMapping
    ResponseEntity<InstallmentAgreement> propose(@PathVariable String customerId, @RequestBody ProposalBody body,
            Principal user) {
        InstallmentAgreement agreement = installments.propose(customerId, body.caseId(), body.proposal(), user.getName());
        return ResponseEntity.created(URI.create("/api/customers/" + customerId + "/installments/"
                + agreement.agreementId())).body(agreement);
    }

    @GetMapping
    List<InstallmentAgreement> list(@PathVariable String customerId) {
        return installments.of(customerId);
    }

    @GetMapping("/{agreementId}")
    InstallmentAgreement get(@PathVariable String customerId, @PathVariable String agreementId) {
        return installments.get(customerId, agreementId);
    }

    @DeleteMapping("/{agreementId}")
    InstallmentAgreement cancel(@PathVariable String customerId, @PathVariable String agreementId, Principal user) {
        return installments.cancel(customerId, agreementId, user.getName());
    }
}
