// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.imageshare.consent.control.ConsentRevoked;

/** Test-only: remembers the accounts whose consent was revoked, as sharing will observe it. */
@ApplicationScoped
public class RevocationLog {

    private final Set<Long> accounts = ConcurrentHashMap.newKeySet();

    void on(@Observes ConsentRevoked event) {
        accounts.add(event.accountId());
    }

    public boolean contains(long accountId) {
        return accounts.contains(accountId);
    }
}
