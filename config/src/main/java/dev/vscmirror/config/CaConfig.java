package dev.vscmirror.config;

import java.time.Duration;
import java.util.List;

/**
 * The mirror's own certificate authority.
 *
 * @param permittedDomains domains written into the CA's name constraints (the defaults plus any added)
 * @param leafValidity     validity of minted leaf certificates (at most 397 days)
 */
public record CaConfig(List<String> permittedDomains, Duration leafValidity) {
    public CaConfig {
        permittedDomains = List.copyOf(permittedDomains);
    }
}
