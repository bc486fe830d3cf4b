package dev.dunning.plans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A customer's split bucket depends on their id only, and a split of p% sends about p% of customers. */
class SplitBucketTest {

    @Test
    void theBucketIsTheCrc32OfTheIdsUtf8BytesModuloAHundred() {
        // fixed values: a change of the function would move customers between arms of running experiments
        assertThat(PlanSelection.bucket("C-000001")).isEqualTo(80);
        assertThat(PlanSelection.bucket("123456789")).isEqualTo((int) (0xCBF43926L % 100)); // CRC32's check value
        assertThat(PlanSelection.bucket("Абонент-7")).as("UTF-8 bytes, not the platform's charset").isEqualTo(6);
    }

    @Test
    void aboutThePercentageOfTenThousandIdsLandBelowIt() {
        for (int percent : new int[] {10, 30, 50, 90}) {
            int below = 0;
            for (int i = 0; i < 10_000; i++) {
                if (PlanSelection.bucket("C-" + String.format("%06d", i)) < percent) {
                    below++;
                }
            }
            assertThat(below / 100.0).as("share below " + percent + "%").isBetween(percent - 2.0, percent + 2.0);
        }
    }
}
