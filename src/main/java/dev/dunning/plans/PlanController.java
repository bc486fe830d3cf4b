package dev.dunning.plans;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The plan API: list, check, deploy, versions and the XML of a version. A plan file is sent as the request body
 * (application/xml or text/xml) or as the multipart part {@code file}; at most {@value PlanXml#MAX_BYTES} bytes.
 */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    private final PlanCatalog plans;

    PlanController(PlanCatalog plans) {
        this.plans = plans;
    }

    @GetMapping
    List<PlanSettings> list() {
        return plans.latestOfEach();
    }

    @PostMapping(path = "/check", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    Map<String, Object> check(HttpServletRequest request, @RequestParam(name = "fileName", required = false) String fileName)
            throws IOException {
        return checked(fileName, body(request));
    }

    @PostMapping(path = "/check", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> check(@RequestPart("file") MultipartFile file) throws IOException {
        return checked(file.getOriginalFilename(), body(file));
    }

    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ResponseEntity<DeployedPlan> deploy(HttpServletRequest request,
            @RequestParam(name = "fileName", required = false) String fileName, Principal user) throws IOException {
        return deployed(plans.deploy(name(fileName), body(request), user.getName()));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DeployedPlan> deploy(@RequestPart("file") MultipartFile file, Principal user) throws IOException {
        return deployed(plans.deploy(name(file.getOriginalFilename()), body(file), user.getName()));
    }

    @GetMapping("/{key}/versions")
    List<PlanVersion> versions(@PathVariable String key) {
        List<PlanVersion> versions = plans.versions(key);
        if (versions.isEmpty()) {
            throw new NoSuchElementException("no plan '" + key + "' is deployed");
        }
        return versions;
    }

    @GetMapping(path = "/{key}/xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> xml(@PathVariable String key, @RequestParam(required = false) Integer version) {
        byte[] xml = (version == null ? plans.xml(key) : plans.xml(key, version)).orElseThrow(() ->
                new NoSuchElementException("no plan '" + key + "'" + (version == null ? "" : " version " + version)
                        + " is deployed"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }

    private Map<String, Object> checked(String fileName, byte[] xml) {
        List<PlanProblem> problems = plans.check(name(fileName), xml);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", plans.keyOf(xml).orElse(null));
        answer.put("valid", problems.isEmpty());
        answer.put("problems", problems);
        return answer;
    }

    private static ResponseEntity<DeployedPlan> deployed(DeployedPlan plan) {
        return ResponseEntity.status(plan.unchanged() ? HttpStatus.OK : HttpStatus.CREATED).body(plan);
    }

    private static String name(String fileName) {
        return fileName == null || fileName.isBlank() ? "upload" + PlanCatalog.SUFFIX : fileName.strip();
    }

    /** The body, read only up to the limit: a larger upload is refused without being held in memory. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > PlanXml.MAX_BYTES) {
            throw new PlanTooLargeException(request.getContentLengthLong());
        }
        try (InputStream in = request.getInputStream()) {
            byte[] xml = in.readNBytes(PlanXml.MAX_BYTES + 1);
            if (xml.length > PlanXml.MAX_BYTES) {
                throw new PlanTooLargeException(-1);
            }
            return xml;
        }
    }

    private static byte[] body(MultipartFile file) throws IOException {
        if (file.getSize() > PlanXml.MAX_BYTES) {
            throw new PlanTooLargeException(file.getSize());
        }
        return file.getBytes();
    }

    static final class PlanTooLargeException extends RuntimeException {
        PlanTooLargeException(long bytes) {
            super((bytes < 0 ? "the plan file" : "the plan file of " + bytes + " bytes") + " is larger than "
                    + PlanXml.MAX_BYTES / (1024 * 1024) + " MB, the most a plan may be");
        }
    }

    @ExceptionHandler(PlanTooLargeException.class)
    ProblemDetail tooLarge(PlanTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }
}
