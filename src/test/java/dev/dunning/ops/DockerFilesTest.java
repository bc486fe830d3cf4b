package dev.dunning.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/Dockerfile and docker/compose.yaml against the application they package, without a Docker engine (none
 * runs where these tests run): what the containers are told must be what the application reads, the image must be
 * laid out the way Spring Boot's jar is layered, and the nodes must share what a cluster shares.
 */
class DockerFilesTest {

    private static final Path COMPOSE = Path.of("docker/compose.yaml");
    private static final Path APPLICATION = Path.of("src/main/resources/application.properties");
    private static final Path POSTGRES_PROFILE = Path.of("src/main/resources/application-postgres.properties");
    /** Read by the JVM itself when it starts, not by Spring. */
    private static final Set<String> READ_BY_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");
    /**
     * The layers spring-boot-maven-plugin writes to BOOT-INF/layers.idx when it is not configured otherwise (its
     * StandardLayers); the test reads the built jar's own index instead whenever target/ has one.
     */
    private static final List<String> SPRING_BOOT_DEFAULT_LAYERS = List.of(
            "dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[?-])?[^}]*}");

    private static final PropertiesTheApplicationReads PROPERTIES = new PropertiesTheApplicationReads(
            List.of(APPLICATION, Path.of("src/main/resources/application-default.properties"), POSTGRES_PROFILE),
            Path.of("src/main/java"), "dev.dunning");

    private final Dockerfile dockerfile = Dockerfile.read();
    private final Dockerfile runtime = dockerfile.runtimeStage();
    private final Map<String, Object> compose = compose();

    @Test
    void everyVariableGivenToADunningContainerSetsAPropertyTheApplicationReads() {
        Map<String, String> given = new TreeMap<>();
        runtime.environment().keySet().forEach(variable -> given.put(variable, "Dockerfile ENV"));
        nodes().forEach((node, service) -> environment(service).keySet()
                .forEach(variable -> given.merge(variable, "compose.yaml " + node, (a, b) -> a + ", " + b)));

        Map<String, String> unread = new TreeMap<>();
        given.forEach((variable, where) -> {
            if (!READ_BY_THE_JVM.contains(variable) && PROPERTIES.readBy(variable).isEmpty()) {
                unread.put(variable, where);
            }
        });

        assertThat(given).as("variables given to the containers").hasSizeGreaterThan(10);
        assertThat(unread).as("variables that set no property the application reads (relaxed binding, ${...}"
                + " placeholders, @ConfigurationProperties, library metadata)").isEmpty();
    }

    @Test
    void aVariableCountsOnlyWhenSpringsRelaxedBindingTakesItToAPropertyThatIsRead() {
        assertThat(PROPERTIES.readBy("DUNNING_ANSWERS_SECRET")).get().asString()
                .startsWith("dunning.answers.secret (@ConfigurationProperties dev.dunning.answers.AnswersProperties");
        assertThat(PROPERTIES.readBy("DUNNING_IMPORTS_DROPFOLDER")).get().asString()
                .startsWith("dunning.imports.drop-folder");
        assertThat(PROPERTIES.readBy("DUNNING_DB_URL")).get().asString()
                .contains("placeholder in application-postgres.properties");
        assertThat(PROPERTIES.readBy("DUNNING_ADMIN_PASSWORD")).get().asString().contains("UserBootstrap");
        assertThat(PROPERTIES.readBy("SPRING_MAIL_HOST")).get().asString().startsWith("spring.mail.host (metadata of");
        assertThat(PROPERTIES.readBy("SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH")).get().asString()
                .startsWith("spring.mail.properties.*");

        assertThat(PROPERTIES.readBy("DUNNING_ANSWER_SECRET")).isEmpty();
        assertThat(PROPERTIES.readBy("DUNNING_NOTIFY_EMAIL_ENABLD")).isEmpty();
        assertThat(PROPERTIES.readBy("DUNNING_DB_URI")).isEmpty();
        assertThat(PROPERTIES.readBy("DUNNING_NOTIFY_EMAIL_ENABLED_NOW")).isEmpty();
    }

    @Test
    void theHealthCheckAsksTheNodeGroupOfTheActuatorOnTheServerPort() {
        Dockerfile.HealthCheck check = runtime.healthCheck();
        int serverPort = serverPort();

        assertThat(check.path()).startsWith("/actuator/health/");
        String group = check.path().substring("/actuator/health/".length());
        assertThat(PROPERTIES.fileValue("management.endpoint.health.group." + group + ".include"))
                .as("health group '%s' in application.properties", group).isPresent();
        assertThat(PROPERTIES.fileValue("management.endpoints.web.exposure.include")).get().asString()
                .contains("health");
        assertThat(check.port()).isEqualTo(serverPort);
        assertThat(runtime.all("EXPOSE")).extracting(Dockerfile.Instruction::arguments)
                .containsExactly(String.valueOf(serverPort));
        // The command the check runs must be in the image: the build fails if the base image lacks it.
        String tool = check.command().replaceFirst("^.*\\bCMD\\s+", "").split("\\s+")[0];
        assertThat(runtime.all("RUN")).extracting(Dockerfile.Instruction::arguments)
                .anyMatch(run -> run.contains("command -v " + tool));
        nodes().forEach((node, service) -> {
            Object healthcheck = service.get("healthcheck");
            assertThat(healthcheck == null || String.valueOf(healthcheck).contains(check.path()))
                    .as("%s's own healthcheck, if any, asks %s", node, check.path()).isTrue();
        });
    }

    @Test
    void eachNodeIsPublishedOnItsOwnHostPortInFrontOfTheServerPort() {
        Map<String, String> published = new TreeMap<>();
        nodes().forEach((node, service) -> {
            @SuppressWarnings("unchecked")
            List<Object> ports = (List<Object>) service.get("ports");
            assertThat(ports).as("%s's ports", node).hasSize(1);
            String[] hostAndContainer = String.valueOf(ports.get(0)).split(":");
            assertThat(hostAndContainer).as("%s publishes host:container", node).hasSize(2);
            assertThat(Integer.parseInt(hostAndContainer[1])).as("%s's container port", node).isEqualTo(serverPort());
            published.put(node, hostAndContainer[0]);
        });

        assertThat(published).containsExactlyEntriesOf(new TreeMap<>(Map.of("dunning-1", "8081", "dunning-2", "8082")));
    }

    @Test
    void theNodesShareOneDatabaseOneProfileAndOneAnswersSecret() throws IOException {
        Map<String, Map<String, Object>> nodes = nodes();
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);
        for (String variable : List.of("SPRING_PROFILES_ACTIVE", "DUNNING_DB_URL", "DUNNING_DB_USER",
                "DUNNING_DB_PASSWORD", "DUNNING_ANSWERS_SECRET")) {
            Set<String> values = new LinkedHashSet<>();
            nodes.values().forEach(service -> values.add(environment(service).get(variable)));
            assertThat(values).as("%s on every node", variable).hasSize(1).doesNotContainNull();
        }
        Map<String, String> node = environment(nodes.values().iterator().next());
        assertThat(node.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
        assertThat(POSTGRES_PROFILE).exists();

        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(node.get("DUNNING_DB_URL"));
        assertThat(url.matches()).as("DUNNING_DB_URL %s", node.get("DUNNING_DB_URL")).isTrue();
        Map<String, Object> database = services().get(url.group(1));
        assertThat(database).as("the service %s that DUNNING_DB_URL names", url.group(1)).isNotNull();
        assertThat(String.valueOf(database.get("image"))).startsWith("postgres:");
        assertThat(database).containsKey("healthcheck");
        Map<String, String> postgres = environment(database);
        assertThat(postgres.get("POSTGRES_DB")).isEqualTo(url.group(3));
        assertThat(postgres.get("POSTGRES_USER")).isEqualTo(node.get("DUNNING_DB_USER"));
        assertThat(postgres.get("POSTGRES_PASSWORD")).isEqualTo(node.get("DUNNING_DB_PASSWORD"));

        // A secret written into the file must be long enough; one taken from docker/.env must be required, not defaulted.
        String secret = node.get("DUNNING_ANSWERS_SECRET");
        Matcher variable = COMPOSE_VARIABLE.matcher(secret);
        if (variable.matches()) {
            assertThat(variable.group(2)).as("DUNNING_ANSWERS_SECRET is required (${NAME:?message})").isEqualTo(":?");
        } else {
            assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        }
    }

    @Test
    void theImageCopiesTheLayersOfTheJarOneByOneInTheirOrderAndStartsTheJarLauncher() throws IOException {
        Optional<Path> jar = builtJar();
        List<String> layers = jar.isPresent() ? layersIndexed(jar.get()) : SPRING_BOOT_DEFAULT_LAYERS;
        System.out.println("DockerFilesTest: layers " + layers + " from "
                + jar.map(path -> path + " BOOT-INF/layers.idx").orElse("spring-boot-maven-plugin's defaults (no jar in target/)"));

        String extract = dockerfile.buildStage().all("RUN").stream().map(Dockerfile.Instruction::arguments)
                .filter(run -> run.contains("-Djarmode=tools")).findFirst().orElseThrow();
        assertThat(extract).contains(" extract ", "--layers", "--launcher");
        Matcher destination = Pattern.compile("--destination\\s+(\\S+)").matcher(extract);
        assertThat(destination.find()).as("extract --destination").isTrue();
        String extracted = destination.group(1).replaceAll("/$", "");

        List<String> copied = new ArrayList<>();
        Set<String> targets = new LinkedHashSet<>();
        for (Dockerfile.Instruction copy : runtime.all("COPY")) {
            String[] words = copy.arguments().split("\\s+");
            if (words[0].startsWith("--from=")) {
                assertThat(words).as("line %d: COPY --from=build <layer>/ <app>/", copy.line()).hasSize(3);
                assertThat(words[1]).startsWith(extracted + "/");
                copied.add(words[1].substring(extracted.length() + 1).replaceAll("/$", ""));
                targets.add(words[2].replaceAll("/$", ""));
            }
        }
        assertThat(copied).as("layers copied, one COPY each, least often changed first").containsExactlyElementsOf(layers);
        assertThat(targets).as("all layers go to one folder").hasSize(1);

        List<String> entrypoint = runtime.entrypoint();
        assertThat(entrypoint).contains("java").endsWith(LAUNCHER);
        assertThat(entrypoint.get(entrypoint.indexOf("-cp") + 1)).isEqualTo(targets.iterator().next());
        if (jar.isPresent()) {
            try (JarFile built = new JarFile(jar.get().toFile())) {
                assertThat(built.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(LAUNCHER);
                assertThat(built.getEntry(LAUNCHER.replace('.', '/') + ".class")).isNotNull();
            }
        }
    }

    @Test
    void theApplicationRunsAsAUserOfItsOwnWhoOwnsTheFoldersItWrites() {
        String uid = group(runtime, "useradd .*--uid (\\d+)");
        String gid = group(runtime, "groupadd .*--gid (\\d+)");
        List<Dockerfile.Instruction> instructions = runtime.instructions();
        Dockerfile.Instruction user = runtime.last("USER").orElseThrow();

        assertThat(user.arguments()).isEqualTo(uid + ":" + gid).isNotIn("root", "0", "0:0");
        assertThat(uid).isNotEqualTo("0");
        assertThat(instructions.indexOf(user)).isLessThan(instructions.indexOf(runtime.last("ENTRYPOINT").orElseThrow()));

        Path workdir = Path.of(runtime.last("WORKDIR").orElseThrow().arguments());
        Map<String, String> environment = runtime.environment();
        Path home = Path.of(environment.get("DUNNING_HOME"));
        Set<Path> owned = ownedBy(uid + ":" + gid, workdir);
        assertThat(owned).contains(
                Path.of(environment.get("DUNNING_IMPORTS_DROPFOLDER")), // registry imports: processing/, processed/
                Path.of(environment.get("DUNNING_NOTIFY_LETTER_BATCHFOLDER")), // the letter channel's print batches
                workdir.resolve(h2Folder()), // the demo's database, when no profile is set
                home.resolve("processes")); // plans deployed through the API are written there
    }

    @Test
    void theEditableFoldersOfTheJarAreCopiedToDunningHomeAndTheNodesShareProcesses() throws IOException {
        List<String> editable = editableFoldersThePomPacks();
        assertThat(editable).containsExactlyInAnyOrder("processes", "forms", "templates", "rules");
        Path workdir = Path.of(runtime.last("WORKDIR").orElseThrow().arguments());
        Path home = Path.of(runtime.environment().get("DUNNING_HOME"));
        assertThat(home).isEqualTo(workdir);

        Set<Path> copiedToHome = new LinkedHashSet<>();
        for (Dockerfile.Instruction copy : runtime.all("COPY")) {
            List<String> words = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
            words.removeIf(word -> word.startsWith("--chown="));
            if (!words.get(0).startsWith("--from=") && editable.contains(words.get(0))) {
                copiedToHome.add(workdir.resolve(words.get(1)));
            }
        }
        assertThat(copiedToHome).containsExactlyInAnyOrderElementsOf(editable.stream().map(home::resolve).toList());

        // The build copies them in before it packages, so the jar's fallback copies are the same files.
        List<Dockerfile.Instruction> build = dockerfile.buildStage().instructions();
        int packaging = build.indexOf(dockerfile.buildStage().all("RUN").stream()
                .filter(run -> run.arguments().contains(" package")).findFirst().orElseThrow());
        for (String folder : editable) {
            assertThat(build.subList(0, packaging)).extracting(Dockerfile.Instruction::arguments)
                    .as("the build stage copies %s before packaging", folder).contains(folder + " " + folder);
        }

        nodes().forEach((node, service) -> {
            Map<String, String> mounts = mounts(service);
            assertThat(mounts).as("%s's volumes", node)
                    .containsEntry(runtime.environment().get("DUNNING_IMPORTS_DROPFOLDER"), "./drop")
                    .containsEntry(home.resolve("processes").toString(), "processes");
        });
        assertThat(topLevel("volumes")).containsKey("processes");
    }

    @Test
    void emailGoesToTheMailCatcherOfTheCompose() {
        Map<String, Object> mailpit = services().get("mailpit");
        assertThat(String.valueOf(mailpit.get("image"))).startsWith("axllent/mailpit");
        assertThat(String.valueOf(mailpit.get("ports"))).contains("8025:8025");
        nodes().forEach((node, service) -> assertThat(environment(service))
                .as(node)
                .containsEntry("DUNNING_NOTIFY_EMAIL_ENABLED", "true")
                .containsEntry("SPRING_MAIL_HOST", "mailpit")
                .containsEntry("SPRING_MAIL_PORT", "1025")
                .containsKey("DUNNING_NOTIFY_EMAIL_FROM"));
    }

    private static int serverPort() {
        return Integer.parseInt(PROPERTIES.fileValue("server.port")
                .or(() -> PROPERTIES.metadataDefault("server.port")).orElseThrow());
    }

    /** The folder of the demo's H2 database, as application.properties names it (./data/dunning). */
    private static Path h2Folder() {
        Properties application = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION)) {
            application.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = application.getProperty("spring.datasource.url");
        Matcher file = Pattern.compile("jdbc:h2:file:([^;]+)").matcher(url);
        assertThat(file.find()).as("spring.datasource.url %s", url).isTrue();
        return Path.of(file.group(1)).getParent().normalize();
    }

    /** Paths given to the user by COPY --chown or chown in a RUN, relative ones resolved against the WORKDIR. */
    private Set<Path> ownedBy(String owner, Path workdir) {
        Set<Path> owned = new LinkedHashSet<>();
        for (Dockerfile.Instruction instruction : runtime.instructions()) {
            String[] words = instruction.arguments().split("\\s+");
            if (instruction.keyword().equals("COPY") && words[0].equals("--chown=" + owner)) {
                owned.add(workdir.resolve(words[words.length - 1]).normalize());
            }
            if (instruction.keyword().equals("RUN")) {
                for (String command : instruction.arguments().split("&&|;")) {
                    String[] parts = command.strip().split("\\s+");
                    if (parts.length > 2 && parts[0].equals("chown") && parts[1].equals(owner)) {
                        for (int i = 2; i < parts.length; i++) {
                            owned.add(workdir.resolve(parts[i]).normalize());
                        }
                    }
                }
            }
        }
        return owned;
    }

    private static String group(Dockerfile stage, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return stage.all("RUN").stream().map(run -> pattern.matcher(run.arguments()))
                .filter(Matcher::find).map(found -> found.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN matches " + regex));
    }

    private static List<String> editableFoldersThePomPacks() throws IOException {
        Matcher target = Pattern.compile("<targetPath>([^<]+)</targetPath>").matcher(Files.readString(Path.of("pom.xml")));
        List<String> folders = new ArrayList<>();
        while (target.find()) {
            folders.add(target.group(1));
        }
        return folders;
    }

    private static Optional<Path> builtJar() throws IOException {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "dunning-*.jar")) {
            for (Path jar : jars) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }

    /** The layer names of BOOT-INF/layers.idx, in order: lines {@code - "name":}. */
    private static List<String> layersIndexed(Path jar) throws IOException {
        try (JarFile built = new JarFile(jar.toFile())) {
            ZipEntry index = built.getEntry("BOOT-INF/layers.idx");
            assertThat(index).as("%s has BOOT-INF/layers.idx", jar).isNotNull();
            try (InputStream in = built.getInputStream(index)) {
                List<String> layers = new ArrayList<>();
                Matcher layer = Pattern.compile("(?m)^- \"([^\"]+)\":").matcher(new String(in.readAllBytes()));
                while (layer.find()) {
                    layers.add(layer.group(1));
                }
                return layers;
            }
        }
    }

    private static Map<String, Object> compose() {
        try (Reader in = Files.newBufferedReader(COMPOSE)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> topLevel(String key) {
        return (Map<String, Object>) compose.get(key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** The services built from docker/Dockerfile. */
    private Map<String, Map<String, Object>> nodes() {
        Map<String, Map<String, Object>> nodes = new TreeMap<>();
        services().forEach((name, service) -> {
            if (service.get("build") instanceof Map<?, ?> build
                    && Path.of("docker").resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile")))
                            .normalize().equals(Dockerfile.PATH)) {
                nodes.put(name, service);
            }
        });
        return nodes;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else if (declared instanceof List<?> list) {
            list.forEach(entry -> {
                String[] pair = String.valueOf(entry).split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : null);
            });
        }
        return environment;
    }

    /** Container path → host path or volume name, from the short syntax {@code source:target}. */
    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        Object declared = service.get("volumes");
        if (declared instanceof List<?> list) {
            list.forEach(volume -> {
                String[] parts = String.valueOf(volume).split(":");
                mounts.put(parts[1], parts[0]);
            });
        }
        return mounts;
    }
}
