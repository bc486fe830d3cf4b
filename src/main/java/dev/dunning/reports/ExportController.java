package dev.dunning.reports;

import java.time.LocalDate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.dunning.clock.BusinessClock;
import dev.dunning.timeline.Timeline;

/**
 * The reports as files, {@code /reports/<name>.csv} and {@code .xlsx}, streamed to the response as the rows come
 * from the database. An export is manual access to personal data, so each one is audited before it starts.
 */
@Controller
class ExportController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Reports reports;
    private final Timeline timeline;
    private final BusinessClock clock;

    private final dev.dunning.providers.Providers providers;

    ExportController(Reports reports, Timeline timeline, BusinessClock clock, dev.dunning.providers.Providers providers) {
        this.providers = providers;
        this.reports = reports;
        this.timeline = timeline;
        this.clock = clock;
    }

    @GetMapping("/reports/{name}.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String name, Authentication user,
            @RequestParam(required = false) String group, @RequestParam(required = false) String plan,
            @RequestParam(required = false) String building, @RequestParam(required = false) String service,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String grain) {
        return export("csv", name, user, ReportRequest.parse(group, plan, building, service, from, to, grain,
                clock.today()).forProvider(provider, providers));
    }

    @GetMapping("/reports/{name}.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String name, Authentication user,
            @RequestParam(required = false) String group, @RequestParam(required = false) String plan,
            @RequestParam(required = false) String building, @RequestParam(required = false) String service,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String grain) {
        return export("xlsx", name, user, ReportRequest.parse(group, plan, building, service, from, to, grain,
                clock.today()).forProvider(provider, providers));
    }

    /** A bad filter or period, said before any byte of the file goes out. */
    @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<org.springframework.http.ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(
                org.springframework.http.ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST,
                        e.getMessage()));
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(java.util.NoSuchElementException.class)
    ResponseEntity<org.springframework.http.ProblemDetail> notFound(java.util.NoSuchElementException e) {
        return ResponseEntity.status(org.springframework.http.HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(org.springframework.http.ProblemDetail
                        .forStatusAndDetail(org.springframework.http.HttpStatus.NOT_FOUND, e.getMessage()));
    }

    private ResponseEntity<StreamingResponseBody> export(String format, String name, Authentication user,
            ReportRequest request) {
        ReportInfo info = reports.info(name);
        timeline.record(null, null, "report-exported", user.getName(),
                name + " " + format + " " + request.describe(info));
        LocalDate today = clock.today();
        StreamingResponseBody body = out -> {
            try (ExportWriter writer = ExportWriter.open(format, info, out)) {
                reports.stream(name, request, writer);
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + "-" + today + "." + format).build().toString())
                .contentType("xlsx".equals(format) ? XLSX : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(body);
    }
}
