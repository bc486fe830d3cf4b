package dev.dunning.documents;

/**
 * A document template is missing or wrong. The message names the file as the user sees it (for example
 * {@code templates/documents/ru/pretrial-claim.ftlh}) and, for an error inside it, the line, so the admin knows what
 * to fix.
 */
public class DocumentTemplateException extends RuntimeException {

    private final String file;
    private final Integer line;

    DocumentTemplateException(String file, Integer line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The template file, relative to the application's home folder. */
    public String file() {
        return file;
    }

    /** The line of the error in {@link #file()}; null when the error is not at one line (a missing file). */
    public Integer line() {
        return line;
    }
}
