package dev.dunning.cockpit;

/** The cockpit's rules on H2. */
@CockpitTest
class CockpitApiTest extends CockpitApiRules {
}
