package dev.dunning.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Dockerfile read the way the builder reads it: comment lines dropped, continued lines joined, one instruction
 * per keyword; enough to check what an image would hold without a Docker engine.
 */
final class Dockerfile {

    static final Path PATH = Path.of("docker/Dockerfile");

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S+))");
    private static final Pattern HTTP_URL = Pattern.compile("http://[^/:\\s]+:(\\d+)(/\\S*)");

    record Instruction(int line, String keyword, String arguments) {
    }

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile read() {
        try {
            return parse(Files.readAllLines(PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.startsWith("#") || line.isEmpty() && current == null) {
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
                start = number;
            }
            boolean continued = line.endsWith("\\");
            current.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continued) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                instructions.add(new Instruction(start, text.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                        text.substring(space + 1).strip()));
                current = null;
            }
        }
        return new Dockerfile(instructions);
    }

    /** The instructions of the image that runs: everything after the last FROM. */
    Dockerfile runtimeStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return new Dockerfile(instructions.subList(last, instructions.size()));
    }

    /** The build stage: from the first FROM up to the next one. */
    Dockerfile buildStage() {
        int next = instructions.size();
        for (int i = 1; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                next = i;
                break;
            }
        }
        return new Dockerfile(instructions.subList(0, next));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    List<Instruction> instructions() {
        return instructions;
    }

    Optional<Instruction> last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The variables the ENV instructions set, in order (KEY=value form, values unquoted). */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Instruction env : all("ENV")) {
            Matcher pair = ENV_PAIR.matcher(env.arguments());
            boolean any = false;
            while (pair.find()) {
                environment.put(pair.group(1), pair.group(3) != null ? pair.group(3) : pair.group(4));
                any = true;
            }
            if (!any) {
                throw new IllegalStateException(PATH + " line " + env.line() + ": ENV must use KEY=value");
            }
        }
        return environment;
    }

    /** The exec form of ENTRYPOINT, as its JSON array. */
    List<String> entrypoint() {
        Instruction entrypoint = last("ENTRYPOINT")
                .orElseThrow(() -> new IllegalStateException(PATH + " has no ENTRYPOINT"));
        try {
            return new ObjectMapper().readValue(entrypoint.arguments(), new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(PATH + " line " + entrypoint.line() + ": ENTRYPOINT is not a JSON array", e);
        }
    }

    /** The port and path the HEALTHCHECK asks, from the http:// address in its command. */
    HealthCheck healthCheck() {
        Instruction check = last("HEALTHCHECK").orElseThrow(() -> new IllegalStateException(PATH + " has no HEALTHCHECK"));
        Matcher url = HTTP_URL.matcher(check.arguments());
        if (!url.find()) {
            throw new IllegalStateException(PATH + " line " + check.line() + ": the HEALTHCHECK calls no http:// address");
        }
        return new HealthCheck(check.arguments(), Integer.parseInt(url.group(1)), url.group(2));
    }

    record HealthCheck(String command, int port, String path) {
    }

    /** The path the image's health check asks, for the test that calls it on a running application. */
    static String healthCheckPath() {
        return read().runtimeStage().healthCheck().path();
    }
}
