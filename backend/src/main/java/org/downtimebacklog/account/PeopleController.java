package org.downtimebacklog.account;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
class PeopleController {

    private final UserService users;

    PeopleController(UserService users) {
        this.users = users;
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "The signed-in user", description = "As the database knows them now; sites may contain \"*\" for every site.")
    PersonResponse me(Caller caller) {
        return users.person(caller.userId());
    }

    @Get("/people")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "People who can be given items",
            description = "Enabled users with role CLERK or TEAM_LEAD who work at one of the caller's sites "
                    + "(\"*\" on either side shares every site), by display name.")
    List<PersonResponse> people(Caller caller) {
        return users.people(caller);
    }
}
