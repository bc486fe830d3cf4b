package dev.dunning.documents;

import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.NoSuchElementException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cases/{caseId}/documents/{pretrial-claim.pdf|statement.pdf|contact-history.pdf|court-package.zip}}
 * for lawyers, managers and admins.
 */
@RestController
class DocumentsApi {

    private final LegalDocuments documents;

    DocumentsApi(LegalDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/api/cases/{caseId}/documents/{document}")
    void download(@PathVariable("caseId") String caseId, @PathVariable("document") String fileName, Principal user,
            HttpServletResponse response) throws IOException {
        LegalDocument document = LegalDocument.byFileName(fileName).orElseThrow(() -> new NoSuchElementException(
                "no document '" + fileName + "'; a case has " + Arrays.stream(LegalDocument.values())
                        .map(LegalDocument::fileName).toList()));
        Download download = documents.prepare(caseId, document, user.getName());
        response.setContentType(download.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(download.fileName()).build().toString());
        // Debtors' data: no copy in any cache on the way.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        download.writeTo(response.getOutputStream());
    }

    /** A broken template is the server's fault, not the request's; the admin learns which file and line. */
    @ExceptionHandler(DocumentTemplateException.class)
    ProblemDetail brokenTemplate(DocumentTemplateException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setTitle("Document template error");
        problem.setProperty("file", e.file());
        if (e.line() != null) {
            problem.setProperty("line", e.line());
        }
        return problem;
    }
}
