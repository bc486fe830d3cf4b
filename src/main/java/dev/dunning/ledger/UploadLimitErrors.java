package dev.dunning.ledger;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A multipart upload over the limit fails while the request is parsed, before any controller is chosen, so only
 * advice that applies to every handler sees it. The limit is the one of {@code dunning.imports.max-upload-size}
 * (the multipart settings are set from it).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitErrors {

    private final ImportSettings settings;

    UploadLimitErrors(ImportSettings settings) {
        this.settings = settings;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail multipartTooLarge(MaxUploadSizeExceededException e) {
        return tooLarge(new UploadTooLargeException(settings.maxUploadSize()));
    }

    @ExceptionHandler(UploadTooLargeException.class)
    ProblemDetail tooLarge(UploadTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setTitle("Upload too large");
        problem.setProperty("maxUploadSize", settings.maxUploadSize().toBytes());
        return problem;
    }
}
