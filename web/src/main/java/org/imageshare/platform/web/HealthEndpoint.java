// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code GET /health}: 200 {@code {"status":"UP","checks":[…]}} only when every liveness and readiness check
 * of ImageShare is UP (database, broker, DICOM listener …), else 503 with the same shape.
 *
 * <p>Served by the application itself rather than by Payara's MicroProfile Health endpoint (moved to
 * {@code /mphealth} by server-config): Payara's answers UP as soon as any application is deployed — the
 * ActiveMQ resource adapter counts — so a failed ImageShare deployment would still look healthy. This one
 * exists only while ImageShare runs; the checks are the same MicroProfile Health beans.
 */
@WebServlet(urlPatterns = "/health", asyncSupported = true)
public class HealthEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @Any
    transient Instance<HealthCheck> checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<HealthCheckResponse> results = new ArrayList<>();
        for (HealthCheck check : checks.select(Readiness.Literal.INSTANCE)) {
            results.add(call(check));
        }
        for (HealthCheck check : checks.select(Liveness.Literal.INSTANCE)) {
            results.add(call(check));
        }
        boolean up = !results.isEmpty()
                && results.stream().allMatch(r -> r.getStatus() == HealthCheckResponse.Status.UP);
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (HealthCheckResponse result : results) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("name", result.getName())
                    .add("status", result.getStatus().name());
            JsonObjectBuilder data = Json.createObjectBuilder();
            result.getData().ifPresent(values -> values.forEach((key, value) -> data.add(key, String.valueOf(value))));
            list.add(item.add("data", data));
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", list)
                .build().toString());
    }

    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(check.getClass().getSimpleName()).down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
