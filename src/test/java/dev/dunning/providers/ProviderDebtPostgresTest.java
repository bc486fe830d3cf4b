package dev.dunning.providers;

import org.springframework.test.context.TestPropertySource;

import dev.dunning.support.PostgresTest;

/** Debt worked per provider on PostgreSQL: the same SQL must mean the same on both databases. */
@PostgresTest
@TestPropertySource(properties = {
        "dunning.providers.separate=true",
        "dunning.providers.list.water.name=Vodokanal",
        "dunning.providers.list.water.services=water,sewage",
        "dunning.providers.list.heating.name=Teploset",
        "dunning.providers.list.heating.services=heating",
        "dunning.providers.list.heating.plan=utilities-individual"})
class ProviderDebtPostgresTest extends ProviderDebtRules {
}
