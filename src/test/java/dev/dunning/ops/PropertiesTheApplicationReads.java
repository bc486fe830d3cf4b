package dev.dunning.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The properties the application reads, gathered without starting it: the keys and {@code ${...}} placeholders
 * of the given application*.properties, the placeholders in the main sources ({@code @Value}, {@code @Scheduled}),
 * Dunning's {@code @ConfigurationProperties} records, and the configuration metadata that Spring Boot, Flowable
 * and the other libraries ship. {@link #readBy(String)} tells which of them an environment variable sets, by
 * Spring Boot's own relaxed binding of the system environment.
 */
final class PropertiesTheApplicationReads {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]+)[:}]");

    /** Property name (or placeholder) and where it is read; map-valued properties also take any key below them. */
    private final Map<String, String> exact = new LinkedHashMap<>();
    private final Map<String, String> withKeysBelow = new LinkedHashMap<>();
    private final Properties fileValues = new Properties();
    private final Map<String, String> metadataDefaults = new LinkedHashMap<>();

    PropertiesTheApplicationReads(List<Path> propertiesFiles, Path mainSources, String basePackage) {
        propertiesFiles.forEach(this::addPropertiesFile);
        addPlaceholdersIn(mainSources);
        addConfigurationProperties(basePackage);
        addLibraryMetadata();
    }

    /** What the application's own properties files set a key to, if they do. */
    Optional<String> fileValue(String key) {
        return Optional.ofNullable(fileValues.getProperty(key));
    }

    /** The default a library's metadata gives a property, if any. */
    Optional<String> metadataDefault(String name) {
        return Optional.ofNullable(metadataDefaults.get(name));
    }

    /** The property the environment variable sets and who reads it, or empty when it sets nothing the application reads. */
    Optional<String> readBy(String variable) {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x"));
        ConfigurationPropertySource relaxed = ConfigurationPropertySource.from(environment);
        for (Map.Entry<String, String> property : exact.entrySet()) {
            String name = property.getKey();
            boolean placeholderMatch = environment.containsProperty(name); // ${DUNNING_DB_URL}, ${dunning.public-url}
            ConfigurationPropertyName bound = ConfigurationPropertyName.ofIfValid(name);
            if (placeholderMatch || bound != null && relaxed.getConfigurationProperty(bound) != null) {
                return Optional.of(name + " (" + property.getValue() + ")");
            }
        }
        for (Map.Entry<String, String> map : withKeysBelow.entrySet()) {
            ConfigurationPropertyName prefix = ConfigurationPropertyName.ofIfValid(map.getKey());
            if (prefix != null && relaxed.containsDescendantOf(prefix) == ConfigurationPropertyState.PRESENT) {
                return Optional.of(map.getKey() + ".* (" + map.getValue() + ")");
            }
        }
        return Optional.empty();
    }

    int size() {
        return exact.size() + withKeysBelow.size();
    }

    private void addPropertiesFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fileValues.putAll(properties);
        for (String key : properties.stringPropertyNames()) {
            exact.putIfAbsent(key, "set in " + file.getFileName());
            addPlaceholders(properties.getProperty(key), "placeholder in " + file.getFileName() + " (" + key + ")");
        }
    }

    private void addPlaceholdersIn(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                addPlaceholders(Files.readString(file), "placeholder in " + sources.relativize(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addPlaceholders(String text, String where) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            exact.putIfAbsent(placeholder.group(1), where);
        }
    }

    private void addConfigurationProperties(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            MergedAnnotation<ConfigurationProperties> annotation = MergedAnnotations.from(type)
                    .get(ConfigurationProperties.class);
            String prefix = annotation.getString("prefix").isEmpty() ? annotation.getString("value")
                    : annotation.getString("prefix");
            addComponents(prefix, type, "@ConfigurationProperties " + type.getName());
        }
    }

    private void addComponents(String prefix, Class<?> type, String where) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record; teach this test how it binds");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = kebab(prefix, component.getName());
            Class<?> componentType = component.getType();
            if (Map.class.isAssignableFrom(componentType)) {
                withKeysBelow.putIfAbsent(name, where);
            } else if (componentType.isRecord() && isOwn(componentType)) {
                addComponents(name, componentType, where);
            } else {
                exact.putIfAbsent(name, where);
                if (List.class.isAssignableFrom(componentType) && isRecordList(component.getGenericType())) {
                    withKeysBelow.putIfAbsent(name, where);
                }
            }
        }
    }

    private static boolean isOwn(Class<?> type) {
        return type.getName().startsWith("dev.dunning.");
    }

    private static boolean isRecordList(Type generic) {
        return generic instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord();
    }

    /** {@code linkValidity} → {@code link-validity}, the canonical form the binder looks up. */
    private static String kebab(String prefix, String component) {
        return prefix + "." + component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private void addLibraryMetadata() {
        ObjectMapper json = new ObjectMapper();
        List<URL> files = new ArrayList<>();
        try {
            for (String name : List.of("META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                files.addAll(Collections.list(getClass().getClassLoader().getResources(name)));
            }
            for (URL file : files) {
                JsonNode metadata;
                try (InputStream in = file.openStream()) {
                    metadata = json.readTree(in);
                }
                String where = "metadata of " + jarName(file);
                for (JsonNode property : metadata.path("properties")) {
                    String name = property.path("name").asText();
                    String type = property.path("type").asText("");
                    (type.startsWith("java.util.Map") ? withKeysBelow : exact).putIfAbsent(name, where);
                    if (property.has("defaultValue")) {
                        metadataDefaults.putIfAbsent(name, property.get("defaultValue").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jarName(URL file) {
        String path = file.getPath();
        int bang = path.indexOf("!/");
        String jar = bang < 0 ? path : path.substring(0, bang);
        return jar.substring(jar.lastIndexOf('/') + 1);
    }
}
