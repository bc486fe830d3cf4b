package dev.dunning.installments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import dev.dunning.installments.InvalidInstallmentException.FieldError;

/**
 * A proposal that is wrong answers 400 as problem+json with {@code errors: [{field, message}]}, also when a value
 * cannot even be read (a date that is no date). Before the application's own handlers, for this API only.
 */
@RestControllerAdvice(assignableTypes = InstallmentController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstallmentErrors {

    @ExceptionHandler(InvalidInstallmentException.class)
    ProblemDetail invalid(InvalidInstallmentException e) {
        return problem(e.getMessage(), e.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not a JSON proposal like "
                    + "{\"amount\":\"1000.00\",\"payments\":3,\"firstDueOn\":\"2026-03-10\",\"interval\":\"P1M\"}");
        }
        String field = mapping.getPath().stream().map(reference -> reference.getFieldName() != null
                ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
        String given = mapping instanceof InvalidFormatException format ? "'" + format.getValue() + "' " : "";
        Class<?> type = mapping instanceof InvalidFormatException format ? format.getTargetType() : null;
        String message = given + "is not " + expected(field, type);
        return problem(field + " " + message, List.of(new FieldError(field, message)));
    }

    private static String expected(String field, Class<?> type) {
        if ("payments".equals(field)) {
            return "a whole number like 3";
        }
        if (type == LocalDate.class || "firstDueOn".equals(field)) {
            return "a date like 2026-03-31";
        }
        if (type == Period.class || "interval".equals(field)) {
            return "a period like P1M or P14D";
        }
        if (type == BigDecimal.class || "amount".equals(field)) {
            return "an amount like 1250.50";
        }
        return "a value of the right kind";
    }

    private static ProblemDetail problem(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
