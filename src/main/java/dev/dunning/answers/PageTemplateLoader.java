package dev.dunning.answers;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;

import org.springframework.core.io.Resource;

import dev.dunning.files.EditableFiles;
import freemarker.cache.TemplateLoader;

/**
 * Loads page templates from {@code templates/}: a copy under {@code dunning.home} wins over the jar's. The source
 * is the Spring resource, so a copy that appears or changes on disk is seen as a new source and reloaded.
 */
final class PageTemplateLoader implements TemplateLoader {

    static final String FOLDER = "templates";

    private final EditableFiles files;

    PageTemplateLoader(EditableFiles files) {
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
            return -1; // inside a jar: keep the cached copy
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
