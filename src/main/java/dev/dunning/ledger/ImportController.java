package dev.dunning.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/imports/{customers|invoices|payments}}: a registry as the request body or as the multipart field {@code file}. */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final RegistryImport imports;

    ImportController(RegistryImport imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/{kind}", consumes = "text/csv")
    ImportReport importBody(@PathVariable String kind, InputStream body) {
        return imports.importCsv(kindNamed(kind), body);
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importUpload(@PathVariable String kind, @RequestPart("file") MultipartFile file) throws IOException {
        RegistryKind registry = kindNamed(kind);
        try (InputStream csv = file.getInputStream()) {
            return imports.importCsv(registry, csv);
        }
    }

    private static RegistryKind kindNamed(String kind) {
        return RegistryKind.named(kind).orElseThrow(() -> new NoSuchElementException(
                "there is no registry called '" + RowValues.echo(kind) + "'; registries are " + RegistryKind.allNames()));
    }

    @ExceptionHandler(RejectedRegistryException.class)
    ProblemDetail rejected(RejectedRegistryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Registry refused");
        problem.setProperty("errors", e.problems());
        return problem;
    }
}
