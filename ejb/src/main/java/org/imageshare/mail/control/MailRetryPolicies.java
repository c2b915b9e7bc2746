// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * The retry policy from configuration: {@code imageshare.mail.retry.first-delay} (PT15S),
 * {@code .max-delay} (PT10M), {@code .max-attempts} (12), {@code .watchdog} (PT1M) — environment
 * variables {@code IMAGESHARE_MAIL_RETRY_FIRST_DELAY} and so on.
 */
@ApplicationScoped
public class MailRetryPolicies {

    @Inject
    ImageShareConfig config;

    @Produces
    MailRetryPolicy policy() {
        return new MailRetryPolicy(config.duration("imageshare.mail.retry.first-delay"),
                config.duration("imageshare.mail.retry.max-delay"),
                config.integer("imageshare.mail.retry.max-attempts"),
                config.duration("imageshare.mail.retry.watchdog"));
    }
}
