// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.imageshare.mail.boundary.OutboxService;
import org.imageshare.mail.control.MailView;
import org.imageshare.mail.entity.MailStatus;
import org.imageshare.platform.web.Messages;

/** The outbox for admins: recent mail, its text, resend and cancel. */
@Named
@ViewScoped
public class OutboxBean implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;

    @Inject
    OutboxService outbox;

    private transient List<MailView> mails;
    private transient List<MailView> dead;
    private transient MailView selected;

    @PostConstruct
    void init() {
        reload();
    }

    public void reload() {
        mails = outbox.recent(0, SHOWN);
        dead = outbox.withStatus(MailStatus.DEAD, 0, SHOWN);
    }

    public void show(MailView mail) {
        selected = outbox.get(mail.id());
    }

    public void resend(MailView mail) {
        outbox.resend(mail.id());
        Messages.info("Queued again", "Mail " + mail.id() + " will be sent again.");
        reload();
    }

    public void cancel(MailView mail) {
        outbox.cancel(mail.id());
        Messages.info("Cancelled", "Mail " + mail.id() + " will not be sent.");
        reload();
    }

    public List<MailView> getMails() {
        if (mails == null) {
            reload();
        }
        return mails;
    }

    /** Mail every attempt failed for, newest first: shown above the rest until resent or cancelled. */
    public List<MailView> getDead() {
        if (dead == null) {
            reload();
        }
        return dead;
    }

    public MailView getSelected() {
        return selected;
    }
}
