package dev.dunning.plans;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.dunning.files.EditableFiles;
import dev.dunning.files.SafeTemplates;
import dev.dunning.notify.Channel;

/**
 * What the plan modeler needs beside plan-safety's check and deploy: the building blocks an analyst picks from
 * ({@code GET /api/plans/library}), a deployed plan ready to draw ({@code GET /api/plans/{key}/diagram}), and the
 * import of files drawn in other modelers ({@code POST /api/plans/import}).
 */
@RestController
@RequestMapping("/api/plans")
class PlanModelerApi {

    /** Channels plans may name; a deployment switches some of them on, so the modeler offers all it knows. */
    private static final List<String> KNOWN_CHANNELS = List.of("email", "sms", "telegram", "voice", "letter");
    static final List<String> STAGES = List.of("grace", "reminder", "call", "pretrial", "legal", "restriction");
    static final List<String> CANDIDATE_GROUPS = List.of("collectors", "lawyers", "managers");

    private final PlanImport imports;
    private final PlanDiagrams diagrams;
    private final EditableFiles files;
    private final PlanCatalog catalog;
    private final List<Channel> channels;

    PlanModelerApi(PlanImport imports, PlanDiagrams diagrams, EditableFiles files, PlanCatalog catalog,
            List<Channel> channels) {
        this.imports = imports;
        this.diagrams = diagrams;
        this.files = files;
        this.catalog = catalog;
        this.channels = channels;
    }

    /** The building blocks of a plan, by the names the plan files use. */
    record Library(List<String> templates, List<String> channels, List<String> forms, List<String> candidateGroups,
            List<String> stages) {
    }

    @GetMapping("/library")
    Library library() {
        TreeSet<String> templates = new TreeSet<>();
        for (String path : files.list(SafeTemplates.FOLDER, ".ftl").keySet()) {
            String name = path.substring(path.lastIndexOf('/') + 1, path.length() - ".ftl".length());
            if (path.startsWith("notices/") && !name.contains(".")) { // name.sms.ftl is a channel's variant of name
                templates.add(name);
            }
        }
        TreeSet<String> forms = new TreeSet<>();
        for (String path : files.list("forms", ".form.json").keySet()) {
            forms.add(path.substring(path.lastIndexOf('/') + 1, path.length() - ".form.json".length()));
        }
        TreeSet<String> channelNames = new TreeSet<>(KNOWN_CHANNELS);
        channels.forEach(channel -> channelNames.add(channel.name()));
        return new Library(List.copyOf(templates), List.copyOf(channelNames), List.copyOf(forms), CANDIDATE_GROUPS,
                STAGES);
    }

    /** A deployed plan as the modeler draws it: the deployed file, with a laid-out diagram if it came without. */
    @GetMapping(value = "/{key}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] diagram(@PathVariable String key, @RequestParam(required = false) Integer version) {
        byte[] deployed = (version == null ? catalog.xml(key) : catalog.xml(key, version)).orElseThrow(() ->
                new NoSuchElementException("no plan " + key + (version == null ? "" : " version " + version)));
        return diagrams.withDiagram(deployed);
    }

    @PostMapping(value = "/import", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    PlanImport.Converted importFile(@RequestBody byte[] xml) {
        return convert(xml);
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PlanImport.Converted importUpload(@RequestParam("file") MultipartFile file) throws IOException {
        return convert(file.getBytes());
    }

    private PlanImport.Converted convert(byte[] xml) {
        PlanImport.Converted converted = imports.convert(xml);
        byte[] drawn = diagrams.withDiagram(converted.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new PlanImport.Converted(new String(drawn, java.nio.charset.StandardCharsets.UTF_8), converted.notes());
    }

    @ExceptionHandler(ModelerXml.UnreadableXmlException.class)
    ProblemDetail unreadable(ModelerXml.UnreadableXmlException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "the file is not a BPMN file Dunning can read: " + e.getMessage());
        problem.setTitle("Unreadable plan file");
        return problem;
    }
}
