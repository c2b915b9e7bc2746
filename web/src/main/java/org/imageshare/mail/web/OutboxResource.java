// SPDX-License-Identifier: Apache-2.0
package org.imageshare.mail.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.imageshare.mail.boundary.OutboxService;
import org.imageshare.mail.control.MailView;
import org.imageshare.mail.entity.MailStatus;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.staff.entity.StaffRole;

/**
 * The outbox for admins over REST (HTTP Basic): rows without their bodies, counts by state, resend and
 * cancel — what the Outbox page offers, for monitoring and scripts.
 */
@Path("/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRole.ADMIN)
@SecurityRequirement(name = "staff")
public class OutboxResource {

    /** One outbox row as the API shows it: no text or HTML body. */
    public record Entry(long id, String kind, String recipient, String subject, String status, int attempts,
            Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError) {

        static Entry of(MailView m) {
            return new Entry(m.id(), m.kind(), m.recipient(), m.subject(), m.status().name(), m.attempts(),
                    m.createdAt(), m.sentAt(), m.nextAttemptAt(), m.lastError());
        }
    }

    @Inject
    OutboxService outbox;

    /** The newest mails (at most {@code max}, ≤ 500), or only those in one state ({@code ?status=DEAD}). */
    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("100") int max) {
        List<MailView> mails = status == null || status.isBlank() ? outbox.recent(first, max)
                : outbox.withStatus(parse(status), first, max);
        return noStore(mails.stream().map(Entry::of).toList());
    }

    /** {@code {"QUEUED": n, "SENT": n, "DEV_OUTBOX": n, "DEAD": n, "CANCELLED": n}}. */
    @GET
    @Path("counts")
    public Response counts() {
        Map<MailStatus, Long> counts = outbox.counts();
        return noStore(counts);
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public Response get(@PathParam("id") long id) {
        return noStore(Entry.of(outbox.get(id)));
    }

    /** Send again with a fresh round of attempts: 204; 409 while it is still queued. */
    @POST
    @Path("{id: [0-9]{1,18}}/resend")
    public Response resend(@PathParam("id") long id) {
        outbox.resend(id);
        return Response.noContent().build();
    }

    /** Never send it: 204; 409 unless it is queued or dead. */
    @POST
    @Path("{id: [0-9]{1,18}}/cancel")
    public Response cancel(@PathParam("id") long id) {
        outbox.cancel(id);
        return Response.noContent().build();
    }

    private static MailStatus parse(String status) {
        try {
            return MailStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "must be one of QUEUED, SENT, DEV_OUTBOX, DEAD, CANCELLED");
        }
    }

    private static Response noStore(Object entity) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(entity).cacheControl(noStore).build();
    }
}
