package dev.dunning.reports;

import java.security.Principal;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The digest on demand: an admin mails today's digest now ({@code POST /api/admin/digest}, to try a template), and
 * managers see it in the browser as it would be mailed ({@code GET /reports/digest}).
 */
@RestController
class DigestController {

    private final Digests digests;

    DigestController(Digests digests) {
        this.digests = digests;
    }

    @PostMapping("/api/admin/digest")
    Digests.Sending sendNow(Principal admin) {
        return digests.sendNow(admin.getName());
    }

    @GetMapping(path = "/reports/digest", produces = MediaType.TEXT_HTML_VALUE)
    String preview() {
        DigestTemplates.Rendered rendered = digests.renderToday();
        return rendered.html() != null ? rendered.html()
                : "<!DOCTYPE html><pre>" + org.springframework.web.util.HtmlUtils.htmlEscape(rendered.text()) + "</pre>";
    }
}
