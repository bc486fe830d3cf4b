package dev.dunning.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The user-editable folders ({@code processes}, {@code forms}, {@code templates}, {@code rules}): a file in
 * {@code dunning.home} on disk wins over the copy packaged in the jar, so a user can change a plan
 * or a letter without rebuilding.
 */
@Component
public class EditableFiles {

    private final Path home;
    private final PathMatchingResourcePatternResolver classpath = new PathMatchingResourcePatternResolver();

    EditableFiles(@Value("${dunning.home:.}") Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** The folder on disk that overrides the packaged {@code folder}, whether or not it exists. */
    public Path diskFolder(String folder) {
        return home.resolve(folder);
    }

    /** All files in {@code folder} (recursively) whose names end with {@code suffix}, by relative path; disk wins. */
    public Map<String, Resource> list(String folder, String suffix) {
        Map<String, Resource> found = new TreeMap<>();
        try {
            for (Resource packaged : classpath.getResources("classpath*:" + folder + "/**/*" + suffix)) {
                String url = packaged.getURL().toString();
                int at = url.lastIndexOf("/" + folder + "/");
                found.put(url.substring(at + folder.length() + 2), packaged);
            }
            Path disk = diskFolder(folder);
            if (Files.isDirectory(disk)) {
                try (Stream<Path> files = Files.walk(disk)) {
                    files.filter(Files::isRegularFile)
                            .filter(file -> file.getFileName().toString().endsWith(suffix))
                            .forEach(file -> found.put(disk.relativize(file).toString().replace('\\', '/'),
                                    new FileSystemResource(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return found;
    }

    /** One file by its path relative to {@code folder}; disk wins over the jar. */
    public Optional<Resource> find(String folder, String relativePath) {
        Path disk = diskFolder(folder).resolve(relativePath).normalize();
        if (disk.startsWith(diskFolder(folder)) && Files.isRegularFile(disk)) {
            return Optional.of(new FileSystemResource(disk));
        }
        Resource packaged = classpath.getResource("classpath:" + folder + "/" + relativePath);
        return packaged.exists() ? Optional.of(packaged) : Optional.empty();
    }
}
