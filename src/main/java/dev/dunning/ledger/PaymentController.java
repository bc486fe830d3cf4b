package dev.dunning.ledger;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/payments}: one payment from a payment system or webhook. 201 when it is new, 200
 * when it confirms a stored unconfirmed payment or repeats a stored one, 422 when it is invalid,
 * 409 when it contradicts the stored payment with the same id.
 */
@RestController
class PaymentController {

    /** The answer: {@code result} is {@code accepted} or {@code unchanged}. */
    record Recorded(String paymentId, String customerId, String result) {
    }

    private final RegistryImport imports;

    PaymentController(RegistryImport imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Recorded> record(@RequestBody PaymentSubmission payment, Principal caller) {
        PaymentOutcome outcome = imports.recordPayment(payment, caller.getName());
        String result = outcome.result() == PaymentOutcome.Result.UNCHANGED ? "unchanged" : "accepted";
        return ResponseEntity.status(outcome.result() == PaymentOutcome.Result.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Recorded(outcome.paymentId(), outcome.customerId(), result));
    }

    @ExceptionHandler(PaymentRejectedException.class)
    ProblemDetail rejected(PaymentRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                e.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle(e.isConflict() ? "Payment conflicts with the stored one" : "Invalid payment");
        problem.setProperty("errors", e.problems());
        return problem;
    }
}
