// SPDX-License-Identifier: Apache-2.0
package org.imageshare.login.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import org.imageshare.platform.control.Argon2id;
import org.imageshare.platform.control.ImageShareConfig;

/**
 * The sign-in policies as configured (README.md, "Sign-in throttling"), one instance each. The products
 * are thread-safe final classes: {@code @Singleton} needs no client proxy.
 */
@ApplicationScoped
public class SignInPolicies {

    @Inject
    ImageShareConfig config;

    @Inject
    Clock clock;

    @Produces
    @Singleton
    SignInThrottle throttle() {
        return new SignInThrottle(new SignInThrottle.Limits(
                config.integer("imageshare.signin.per-address-failures-per-minute"),
                config.integer("imageshare.signin.global-failures-per-minute")), clock);
    }

    @Produces
    @Singleton
    @StaffSignIn
    SignInThrottle staffThrottle() {
        return new SignInThrottle(new SignInThrottle.Limits(
                config.integer("imageshare.signin.per-address-failures-per-minute"),
                config.integer("imageshare.signin.global-failures-per-minute")), clock);
    }

    @Produces
    @Singleton
    AccountBackoff backoff() {
        return new AccountBackoff(new AccountBackoff.Policy(
                config.integer("imageshare.signin.free-failures"),
                config.duration("imageshare.signin.first-delay"),
                config.duration("imageshare.signin.max-delay"),
                config.integer("imageshare.signin.lock-after")), clock);
    }

    @Produces
    @Singleton
    Argon2id hasher() {
        return Argon2id.defaults();
    }
}
