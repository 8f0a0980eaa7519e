package org.downtimebacklog.account;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.net.URI;
import java.util.List;

@Controller("/api/users")
@Secured(Role.ADMIN_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @Post
    @Operation(summary = "Create a user", description = "sites may contain \"*\" for every site.")
    HttpResponse<UserResponse> create(Caller caller, @Body @Valid UserCreateRequest request) {
        UserResponse created = users.create(request, caller);
        return HttpResponse.created(created, URI.create("/api/users/" + created.id()));
    }

    @Get
    @Operation(summary = "List users")
    List<UserResponse> list(Caller caller) {
        return users.list();
    }

    @Get("/{id}")
    @Operation(summary = "One user")
    UserResponse get(Caller caller, @PathVariable long id) {
        return users.get(id);
    }

    @Patch("/{id}")
    @Operation(summary = "Change a user", description = "Fields left out stay as they are. Disabling a user, or any "
            + "change to them, ends their current access tokens at once.")
    UserResponse update(Caller caller, @PathVariable long id, @Body @Valid UserUpdateRequest request) {
        return users.update(id, request, caller);
    }
}
