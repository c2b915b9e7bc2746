// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.imageshare.audit.control.RequestOrigin;
import org.imageshare.staff.boundary.StaffAuthenticator;

/** Staff users and their roles, checked against the staff table (Argon2id hashes). */
@ApplicationScoped
public class StaffIdentityStore implements IdentityStore {

    @Inject
    StaffAuthenticator authenticator;

    @Inject
    RequestOrigin origin;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return authenticator.authenticate(credential.getCaller(), credential.getPasswordAsString(), origin.address())
                .map(staff -> new CredentialValidationResult(staff.username(), staff.roleNames()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
