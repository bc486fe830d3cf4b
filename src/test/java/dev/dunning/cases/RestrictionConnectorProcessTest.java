package dev.dunning.cases;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The restriction connector's rules ({@link RestrictionConnectorRules}) on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:dunning-restriction;DB_CLOSE_DELAY=-1")
class RestrictionConnectorProcessTest extends RestrictionConnectorRules {
}
