package org.downtimebacklog.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface UserRepository extends CrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    @Query("SELECT * FROM app_user WHERE id = :id FOR UPDATE")
    Optional<User> findByIdForUpdate(Long id);

    @Query("SELECT * FROM app_user ORDER BY username")
    List<User> listAll();

    @Query("SELECT * FROM app_user WHERE enabled = TRUE ORDER BY display_name, username")
    List<User> listEnabled();
}
