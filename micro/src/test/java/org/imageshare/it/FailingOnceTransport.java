// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.mail.MessagingException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.imageshare.mail.control.MailTransport;
import org.imageshare.mail.entity.MailMessage;

/**
 * Test-only decorator of the product's {@link MailTransport}, added to the in-container test archive
 * only: for a recipient starting with {@value #PREFIX} the first hand-over of each mail throws (an
 * unexpected error, as a crash of the delivery would — not an SMTP refusal, which the retry policy
 * handles), later ones go through. It counts both, per mail.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class FailingOnceTransport implements MailTransport {

    static final String PREFIX = "fail-once-";
    static final Map<Long, AtomicInteger> FAILED = new ConcurrentHashMap<>();
    static final Map<Long, AtomicInteger> HANDED_OVER = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    @Any
    MailTransport delegate;

    @Override
    public Handover send(MailMessage mail) throws MessagingException {
        if (mail.getRecipient().startsWith(PREFIX) && !FAILED.containsKey(mail.getId())) {
            FAILED.computeIfAbsent(mail.getId(), id -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("simulated failure of the delivery of mail " + mail.getId());
        }
        Handover handover = delegate.send(mail);
        HANDED_OVER.computeIfAbsent(mail.getId(), id -> new AtomicInteger()).incrementAndGet();
        return handover;
    }

    static int failed(long mailId) {
        AtomicInteger count = FAILED.get(mailId);
        return count == null ? 0 : count.get();
    }

    static int handedOver(long mailId) {
        AtomicInteger count = HANDED_OVER.get(mailId);
        return count == null ? 0 : count.get();
    }
}
