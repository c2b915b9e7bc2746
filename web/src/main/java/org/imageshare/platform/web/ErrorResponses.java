// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.Forbidden;
import org.imageshare.platform.control.ImageShareException;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;

/**
 * The one place where the API turns failures into answers: JSON {@code {"error": …}} with a 4xx code for
 * what the caller can fix, 500 with an incident id for the rest. Never a stack trace.
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InvalidInput invalid) {
            return json(400, invalid.getMessage(), invalid.field());
        }
        if (cause instanceof NotFound) {
            return json(404, cause.getMessage(), null);
        }
        if (cause instanceof Conflict) {
            return json(409, cause.getMessage(), null);
        }
        if (cause instanceof Forbidden) {
            return json(403, cause.getMessage(), null);
        }
        if (cause instanceof org.imageshare.platform.control.PeerUnavailable) {
            return json(502, cause.getMessage(), null);
        }
        if (cause instanceof ImageShareException) {
            return json(400, cause.getMessage(), null);
        }
        if (cause instanceof EJBAccessException || cause instanceof jakarta.ejb.AccessLocalException
                || cause instanceof jakarta.ws.rs.ForbiddenException) {
            return security == null || security.getUserPrincipal() == null
                    ? Response.fromResponse(json(401, "authentication required", null))
                            .header("WWW-Authenticate", "Basic realm=\"ImageShare staff\"").build()
                    : json(403, "not allowed for your role", null);
        }
        if (cause instanceof ProcessingException && isMalformedJson(cause)) {
            return json(400, "malformed JSON in the request body", null);
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return json(status, clientMessage(status), null);
        }
        return json(500, "internal error (incident " + Incidents.log(failure) + ")", null);
    }

    private static boolean isMalformedJson(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof EJBException && t.getCause() != null && !(t instanceof EJBAccessException)) {
            t = t.getCause();
        }
        return t;
    }

    private static String clientMessage(int status) {
        return switch (status) {
            case 400 -> "malformed request";
            case 401 -> "authentication required";
            case 403 -> "not allowed";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable";
            case 415 -> "unsupported media type: send application/json";
            default -> "request failed";
        };
    }

    public static Response json(int status, String message, String field) {
        var body = Json.createObjectBuilder().add("error", message);
        if (field != null) {
            body.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build().toString()).build();
    }
}
