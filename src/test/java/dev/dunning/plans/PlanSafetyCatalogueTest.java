package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.support.DunningTest;

/**
 * The catalogue of malicious and broken diagrams (src/test/resources/plans/hostile, with catalogue.csv saying for
 * each file which element is at fault and what the problem must say): every one is refused for the right reason,
 * and the shipped plans still pass.
 */
@DunningTest
class PlanSafetyCatalogueTest {

    private static final Path HOSTILE = Path.of("src/test/resources/plans/hostile");

    @Autowired
    PlanCatalog catalog;

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvFileSource(resources = "/plans/hostile/catalogue.csv", numLinesToSkip = 1)
    void aHostileOrBrokenDiagramIsRefusedNamingTheElementAndTheReason(String file, String element, String message)
            throws IOException {
        byte[] xml;
        try (InputStream in = getClass().getResourceAsStream("/plans/hostile/" + file)) {
            xml = in.readAllBytes();
        }

        List<PlanProblem> problems = catalog.check(file, xml);

        assertThat(problems).as("problems of %s", file)
                .anySatisfy(problem -> {
                    assertThat(problem.element()).isEqualTo(element);
                    assertThat(problem.message()).contains(message);
                });
    }

    @Test
    void everyFileOfTheCatalogueHasItsExpectationAndThereAreAtLeastTwentyFive() throws IOException {
        List<String> expected = Files.readAllLines(HOSTILE.resolve("catalogue.csv")).stream().skip(1)
                .map(line -> line.substring(0, line.indexOf(','))).toList();
        try (Stream<Path> files = Files.list(HOSTILE)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".xml")))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(25);
    }

    static Stream<Path> shippedPlans() throws IOException {
        return Files.list(Path.of("processes")).filter(path -> path.toString().endsWith(".bpmn20.xml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedPlans")
    void theShippedPlansPassEveryCheck(Path plan) throws IOException {
        assertThat(catalog.check(plan.getFileName().toString(), Files.readAllBytes(plan))).isEmpty();
    }
}
