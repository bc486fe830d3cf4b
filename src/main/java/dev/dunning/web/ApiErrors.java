package dev.dunning.web;

import java.util.List;
import java.util.NoSuchElementException;

import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.dunning.clock.ClockNotSimulatedException;
import dev.dunning.contact.InvalidContactPolicyException;
import dev.dunning.inbox.InvalidFormException;
import dev.dunning.inbox.InvalidFormFileException;
import dev.dunning.ledger.InvalidFreezeException;
import dev.dunning.notify.NoticeTemplateException;
import dev.dunning.plans.InvalidPlanException;

/** Every API error is application/problem+json that says what was wrong and where. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler({NoSuchElementException.class, FlowableObjectNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({IllegalStateException.class, ClockNotSimulatedException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(InvalidFreezeException.class)
    ProblemDetail invalidFreeze(InvalidFreezeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("errors", e.errors().stream()
                .map(error -> java.util.Map.of("field", error.getKey(), "message", error.getValue())).toList());
        return problem;
    }

    @ExceptionHandler(InvalidFormException.class)
    ProblemDetail invalidForm(InvalidFormException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(InvalidFormFileException.class)
    ProblemDetail invalidFormFile(InvalidFormFileException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setProperty("file", e.file());
        problem.setProperty("problems", List.copyOf(e.problems()));
        return problem;
    }

    @ExceptionHandler(InvalidPlanException.class)
    ProblemDetail invalidPlan(InvalidPlanException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("file", e.file());
        problem.setProperty("problems", List.copyOf(e.problems()));
        return problem;
    }

    @ExceptionHandler(NoticeTemplateException.class)
    ProblemDetail invalidTemplate(NoticeTemplateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("file", e.file());
        return problem;
    }

    @ExceptionHandler(InvalidContactPolicyException.class)
    ProblemDetail invalidContactPolicy(InvalidContactPolicyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }
}
