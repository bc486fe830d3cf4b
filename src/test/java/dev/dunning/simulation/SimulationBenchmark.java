package dev.dunning.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.dunning.support.DunningTest;

/**
 * How long the individual plan takes to simulate for 1,000 and 10,000 synthetic customers over 120 days with the
 * default behaviour ({@code ./mvnw verify -Pbench -Dtest=SimulationBenchmark}; sizes with -Dbench.simulation=1000,10000).
 */
@DunningTest
class SimulationBenchmark {

    @Autowired
    PlanSimulations simulations;

    @Test
    void simulatesTheIndividualPlanForThousandsOfCustomers() {
        List<Integer> sizes = java.util.Arrays.stream(System.getProperty("bench.simulation", "1000,10000").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        for (int size : sizes) {
            SimulationRequest request = new SimulationRequest(null, null,
                    new SimulationRequest.Sample("synthetic", size, null, null, null, null, null, null, null), null, 120,
                    1L, null);
            long started = System.nanoTime();
            SimulationResult result = simulations.simulate("individual-standard", request);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("SIMULATION %,d customers x 120 days: %,d ms (%,d notices, %,d tasks, %,d paid)%n", size,
                    millis, result.noticeTotal(), result.taskTotal(), result.paidCases());
            assertThat(result.casesOpened()).isEqualTo(size);
            assertThat(result.problems()).isEmpty();
        }
    }
}
