package org.downtimebacklog.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface RefreshTokenRepository extends CrudRepository<RefreshToken, Long> {

    @Query("SELECT * FROM refresh_token WHERE token_hash = :tokenHash FOR UPDATE")
    Optional<RefreshToken> findByTokenHashForUpdate(String tokenHash);

    /** When the sign-in a family of tokens belongs to began: its first token's issue. */
    @Query("SELECT MIN(issued_at) FROM refresh_token WHERE family_id = :familyId")
    Instant signedInAt(String familyId);

    @Query("UPDATE refresh_token SET used_at = :at WHERE id = :id")
    void markUsed(Long id, Instant at);

    @Query("UPDATE refresh_token SET revoked_at = :at WHERE family_id = :familyId AND revoked_at IS NULL")
    void revokeFamily(String familyId, Instant at);

    @Query("UPDATE refresh_token SET revoked_at = :at WHERE user_id = :userId AND revoked_at IS NULL")
    void revokeAllForUser(Long userId, Instant at);
}
