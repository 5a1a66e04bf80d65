package dev.leadstore.account;

import dev.leadstore.base.ApiException;
import dev.leadstore.db.Constraints;
import dev.leadstore.db.Ids;
import dev.leadstore.db.Invalidation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** All SQL of the accounts and bootstrap tables. */
public final class AccountStore {
    private static final String COLUMNS = "id, name, plan, rate_limit_per_hour, created_at";

    private record Row(String id, String name, Plan plan, Integer limit, Instant createdAt) {
        Account toAccount() {
            return new Account(id, name, plan.wire(), plan.limit(limit), createdAt);
        }

        Row with(AccountInput input) {
            return new Row(id, input.name().or(name), input.plan().or(plan), input.rateLimitPerHour().or(limit),
                    createdAt);
        }
    }

    private final Jdbi jdbi;
    private final Invalidation invalidation;

    public AccountStore(Jdbi jdbi, Invalidation invalidation) {
        this.jdbi = jdbi;
        this.invalidation = invalidation;
    }

    public Account create(AccountInput input, Instant now) {
        Row row = new Row(Ids.next("acc"), null, Plan.PRO, null, now).with(input);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO accounts (" + COLUMNS + ") VALUES (:id, :name, :plan, :limit, :now)")
                .bind("id", row.id()).bind("name", row.name()).bind("plan", row.plan().wire())
                .bind("limit", row.limit()).bind("now", now.toEpochMilli())
                .execute());
        return row.toAccount();
    }

    public Optional<Account> find(String id) {
        if (!Ids.looksLike("acc", id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> select(h, id, "")).map(Row::toAccount);
    }

    /** The account, or 404 NOT_FOUND. */
    public Account require(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("Account"));
    }

    public List<Account> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts ORDER BY created_at, id")
                .map((rs, ctx) -> row(rs).toAccount()).list());
    }

    /** Applies the given fields; a null limit returns the account to its plan's default. */
    public Optional<Account> update(String id, AccountInput input) {
        if (!Ids.looksLike("acc", id)) {
            return Optional.empty();
        }
        Optional<Account> updated = jdbi.inTransaction(h -> select(h, id, " FOR UPDATE").map(old -> {
            Row row = old.with(input);
            h.createUpdate("UPDATE accounts SET name = :name, plan = :plan, rate_limit_per_hour = :limit WHERE id = :id")
                    .bind("name", row.name()).bind("plan", row.plan().wire()).bind("limit", row.limit())
                    .bind("id", id).execute();
            // Keys carry their account's plan and limit: caches of them must forget.
            invalidation.publish(h);
            return row.toAccount();
        }));
        invalidation.bump();
        return updated;
    }

    /** True for exactly one caller, once, and only while no account exists yet. */
    public boolean claimBootstrap(Instant now) {
        try {
            return jdbi.inTransaction(h -> {
                boolean empty = h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one() == 0;
                boolean fresh = h.createQuery("SELECT COUNT(*) FROM bootstrap").mapTo(Long.class).one() == 0;
                if (empty && fresh) {
                    h.createUpdate("INSERT INTO bootstrap (id, done_at) VALUES (1, :now)")
                            .bind("now", now.toEpochMilli()).execute();
                }
                return empty && fresh;
            });
        } catch (RuntimeException e) {
            if (Constraints.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Optional<Row> select(Handle h, String id, String lock) {
        return h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id" + lock)
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("name"), Plan.from(rs.getString("plan")).orElseThrow(),
                (Integer) rs.getObject("rate_limit_per_hour"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
