package org.downtimebacklog;

import io.micronaut.runtime.Micronaut;
import org.downtimebacklog.audit.VerifyAuditCommand;
import org.downtimebacklog.oidc.OidcProperties;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info = @Info(
                title = "Downtime Backlog API",
                version = "${api.version}",
                description = "Records work done on paper during a clinical system outage and tracks its back-entry "
                        + "into the recovered systems. Sign in with POST /api/auth/login and send the access token "
                        + "as `Authorization: Bearer <token>`."),
        security = @SecurityRequirement(name = "bearerAuth"))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        if (args.length > 0 && VerifyAuditCommand.NAME.equals(args[0])) {
            System.exit(VerifyAuditCommand.run(args, System.out));
        }
        // No banner: the first lines of the log are what happened, and a JSON log stays one object per line.
        Micronaut.build(args).mainClass(Application.class).banner(false)
                // sign-in through the hospital's identity provider, when BACKLOG_OIDC_ISSUER is set
                .properties(OidcProperties.from(System::getenv))
                .start();
    }
}
