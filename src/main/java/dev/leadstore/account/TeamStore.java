package dev.leadstore.account;

import dev.leadstore.db.Ids;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** All SQL of the users and campaigns tables: the names opportunities can refer to. */
public final class TeamStore {
    private final Jdbi jdbi;

    public TeamStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public User createUser(String accountId, TeamInput input, Instant now) {
        User user = new User(Ids.next("usr"), input.name(), input.email(), now);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (account_id, id, name, email, created_at) "
                        + "VALUES (:account, :id, :name, :email, :now)")
                .bind("account", accountId).bind("id", user.id()).bind("name", user.name()).bind("email", user.email())
                .bind("now", now.toEpochMilli()).execute());
        return user;
    }

    public List<User> users(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, email, created_at FROM users "
                        + "WHERE account_id = :account ORDER BY created_at, id")
                .bind("account", accountId)
                .map((rs, ctx) -> new User(rs.getString("id"), rs.getString("name"), rs.getString("email"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    public Campaign createCampaign(String accountId, TeamInput input, Instant now) {
        Campaign campaign = new Campaign(Ids.next("camp"), input.name(), now);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO campaigns (account_id, id, name, created_at) "
                        + "VALUES (:account, :id, :name, :now)")
                .bind("account", accountId).bind("id", campaign.id()).bind("name", campaign.name())
                .bind("now", now.toEpochMilli()).execute());
        return campaign;
    }

    public List<Campaign> campaigns(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_at FROM campaigns "
                        + "WHERE account_id = :account ORDER BY created_at, id")
                .bind("account", accountId)
                .map((rs, ctx) -> new Campaign(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }
}
