// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.imageshare.mail.boundary.OutboxService;
import org.imageshare.mail.entity.MailStatus;

/** The dashboard's warning about dead mail (admins only: the outbox is theirs). */
@Named
@RequestScoped
public class MailAlertBean {

    @Inject
    OutboxService outbox;

    private Long dead;

    public long getDeadCount() {
        if (dead == null) {
            dead = outbox.counts().get(MailStatus.DEAD);
        }
        return dead;
    }
}
