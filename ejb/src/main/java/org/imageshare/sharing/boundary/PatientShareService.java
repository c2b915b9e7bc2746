// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.imageshare.login.control.PatientIdentity;
import org.imageshare.platform.control.NotFound;
import org.imageshare.sharing.control.AccessLogEntry;
import org.imageshare.sharing.control.CreatedShare;
import org.imageshare.sharing.control.ShareForm;
import org.imageshare.sharing.control.ShareLinks;
import org.imageshare.sharing.control.ShareView;
import org.imageshare.staff.entity.StaffRole;

/**
 * A signed-in patient shares released studies of their own by link, sees every link and its state, revokes
 * one, and reads their access log. Sharing needs consent in force ({@code Forbidden} otherwise).
 */
@Stateless
@RolesAllowed(StaffRole.PATIENT)
public class PatientShareService {

    @Resource
    SessionContext context;

    @Inject
    ShareLinks links;

    public CreatedShare share(ShareForm form) {
        return links.create(me(), form);
    }

    public void revoke(long shareId) {
        links.revoke(me(), shareId);
    }

    public List<ShareView> list() {
        return links.list(me().accountId());
    }

    public List<AccessLogEntry> accessLog() {
        return links.accessLog(me().accountId());
    }

    private PatientIdentity me() {
        return PatientIdentity.fromCallerName(context.getCallerPrincipal().getName())
                .orElseThrow(() -> new NotFound("no patient account"));
    }
}
