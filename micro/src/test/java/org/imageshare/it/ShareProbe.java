// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.imageshare.mail.entity.MailMessage;
import org.imageshare.sharing.control.ShareLinks;
import org.imageshare.sharing.control.ShareView;
import org.imageshare.sharing.entity.ShareLink;

/** Test-only: reads what sharing wrote (links, outbox mail), straight from the database. */
@Stateless
@PermitAll
public class ShareProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    ShareLinks links;

    public List<ShareView> linksOf(long accountId) {
        em.getEntityManagerFactory().getCache().evictAll();
        return links.list(accountId);
    }

    /** {@code kind|subject|text|html} of each mail to the recipient, oldest first. */
    public List<String> mailsTo(String recipient) {
        em.getEntityManagerFactory().getCache().evictAll();
        return em.createQuery("SELECT m FROM MailMessage m WHERE m.recipient = :r ORDER BY m.id", MailMessage.class)
                .setParameter("r", recipient).getResultStream()
                .map(m -> m.getKind() + "|" + m.getSubject() + "|" + m.getTextBody() + "|" + m.getHtmlBody()).toList();
    }

    public String tokenHashOf(long shareId) {
        return em.find(ShareLink.class, shareId).getTokenHash();
    }

    public String codeHashOf(long shareId) {
        return em.find(ShareLink.class, shareId).getAccessCodeHash().orElse(null);
    }
}
