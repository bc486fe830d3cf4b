package dev.dunning.ledger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports/{customers|invoices|payments}}: a registry as the request body or as the multipart field
 * {@code file}, at most {@code dunning.imports.max-upload-size} either way.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final RegistryImport imports;
    private final ImportSettings settings;

    ImportController(RegistryImport imports, ImportSettings settings) {
        this.imports = imports;
        this.settings = settings;
    }

    /** A body that says it is too large is refused unread; one sent in chunks is cut off where it passes the limit. */
    @PostMapping(path = "/{kind}", consumes = "text/csv")
    ImportReport importBody(@PathVariable String kind, InputStream body,
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long length) {
        RegistryKind registry = kindNamed(kind);
        if (length != null && length > settings.maxUploadSize().toBytes()) {
            throw new UploadTooLargeException(settings.maxUploadSize());
        }
        return imports.importCsv(registry, new Limited(body, settings.maxUploadSize()));
    }

    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importUpload(@PathVariable String kind, @RequestPart("file") MultipartFile file) {
        return imports.importCsv(kindNamed(kind), file::getInputStream, () -> { });
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

    /** A stream that fails once more than {@code limit} was read from it. */
    private static final class Limited extends FilterInputStream {

        private final DataSize limit;
        private long read;

        Limited(InputStream in, DataSize limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) {
            read += bytes;
            if (read > limit.toBytes()) {
                throw new UploadTooLargeException(limit);
            }
        }
    }
}
