// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The REST API of CONTRACT.md: JSON under {@code /api/v1}, described at {@code /openapi}. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "ImageShare API", version = "1",
        description = "Enrolment, patient sign-in and sharing. Staff use HTTP Basic; patients the session token."))
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "staff", type = SecuritySchemeType.HTTP, scheme = "basic"),
    @SecurityScheme(securitySchemeName = "patient", type = SecuritySchemeType.HTTP, scheme = "bearer")
})
public class RestApplication extends Application {
}
