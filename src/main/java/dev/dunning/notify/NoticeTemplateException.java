package dev.dunning.notify;

/**
 * A notice template is missing or wrong. The message names the file (as the user sees it, e.g.
 * {@code templates/notices/ru/first-reminder.ftl}) and, for an error inside it, the line, so that the
 * failed plan step tells an admin what to fix.
 */
public class NoticeTemplateException extends RuntimeException {

    private final String file;

    NoticeTemplateException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The template file, relative to the application's home folder. */
    public String file() {
        return file;
    }
}
