package dev.dunning.notify;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;

import org.springframework.core.io.Resource;

import dev.dunning.files.EditableFiles;
import freemarker.cache.TemplateLoader;

/**
 * Loads FreeMarker templates from {@code templates/}, where a user's copy on disk wins over the one in
 * the jar. The source is the Spring resource itself, so when a disk copy appears or changes, FreeMarker's
 * cache sees a different source or a newer date and reloads it.
 */
final class EditableTemplateLoader implements TemplateLoader {

    static final String FOLDER = "templates";

    private final EditableFiles files;

    EditableTemplateLoader(EditableFiles files) {
        this.files = files;
    }

    @Override
    public Object findTemplateSource(String name) {
        return files.find(FOLDER, name).orElse(null);
    }

    @Override
    public long getLastModified(Object source) {
        try {
            return ((Resource) source).lastModified();
        } catch (IOException e) {
            // Entries inside a jar may have no date; -1 tells FreeMarker to keep the cached copy.
            return -1;
        }
    }

    @Override
    public Reader getReader(Object source, String encoding) throws IOException {
        return new InputStreamReader(((Resource) source).getInputStream(), encoding);
    }

    @Override
    public void closeTemplateSource(Object source) {
        // getReader opens a fresh stream each time and FreeMarker closes the reader.
    }
}
