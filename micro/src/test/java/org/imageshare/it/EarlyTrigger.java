// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.imageshare.mail.control.MailQueue;

/** Test-only: sends a mail's delivery trigger in a transaction of its own, committed before the caller's. */
@Stateless
@PermitAll
public class EarlyTrigger {

    @Inject
    MailQueue queue;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void trigger(long mailId) {
        queue.send(mailId);
    }
}
