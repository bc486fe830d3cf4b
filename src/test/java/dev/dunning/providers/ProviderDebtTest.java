package dev.dunning.providers;

import org.springframework.test.context.TestPropertySource;

import dev.dunning.support.DunningTest;

/** Debt worked per provider on H2. */
@DunningTest
@TestPropertySource(properties = {
        "dunning.providers.separate=true",
        "dunning.providers.list.water.name=Vodokanal",
        "dunning.providers.list.water.services=water,sewage",
        "dunning.providers.list.heating.name=Teploset",
        "dunning.providers.list.heating.services=heating",
        "dunning.providers.list.heating.plan=utilities-individual"})
class ProviderDebtTest extends ProviderDebtRules {
}
