package dev.leadstore.opportunity;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.EntityTags;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Precondition;
import dev.leadstore.db.Ids;
import dev.leadstore.db.Listing;
import dev.leadstore.event.EventLog;
import dev.leadstore.person.PersonColumns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** All SQL of the opportunities table (reading campaign and user names alongside). */
public final class OpportunityStore {
    private static final String FROM = "opportunities o "
            + "LEFT JOIN campaigns cp ON cp.account_id = o.account_id AND cp.id = o.campaign_id "
            + "LEFT JOIN users u ON u.account_id = o.account_id AND u.id = o.responsible_user_id";
    private static final String COLUMNS = "o.id, o.name, o.email, o.phone, o.company, o.job_position, o.linkedin_url, "
            + "o.status, o.source, o.deal_value, o.deal_currency, o.notes, o.campaign_id, cp.name AS campaign_name, "
            + "o.responsible_user_id, u.name AS user_name, o.won_at, o.lost_at, o.created_at, o.updated_at";
    private static final String WRITE_COLUMNS = "name = :name, name_lc = :name_lc, email = :email, email_lc = :email_lc, "
            + "phone = :phone, company = :company, company_lc = :company_lc, job_position = :position, "
            + "linkedin_url = :linkedin_url, status = :status, source = :source, deal_value = :deal_value, "
            + "deal_currency = :deal_currency, notes = :notes, campaign_id = :campaign_id, "
            + "responsible_user_id = :user_id, won_at = :won_at, lost_at = :lost_at, updated_at = :updated_at";

    private final Jdbi jdbi;
    private final EventLog events;

    public OpportunityStore(Jdbi jdbi, EventLog events) {
        this.jdbi = jdbi;
        this.events = events;
    }

    OpportunityDetail create(String accountId, OpportunityInput in, Instant now) {
        Opportunity o = in.applyTo(Opportunity.blank(Ids.next("opp"), now), now);
        return jdbi.inTransaction(h -> {
            checkReferences(h, accountId, in);
            bind(h.createUpdate("INSERT INTO opportunities (account_id, id, created_at, name, name_lc, email, email_lc, "
                    + "phone, company, company_lc, job_position, linkedin_url, status, source, deal_value, deal_currency, "
                    + "notes, campaign_id, responsible_user_id, won_at, lost_at, updated_at) VALUES (:account, :id, "
                    + ":created_at, :name, :name_lc, :email, :email_lc, :phone, :company, :company_lc, :position, "
                    + ":linkedin_url, :status, :source, :deal_value, :deal_currency, :notes, :campaign_id, :user_id, "
                    + ":won_at, :lost_at, :updated_at)"), accountId, o).bind("created_at", now.toEpochMilli()).execute();
            OpportunityDetail created = select(h, accountId, o.id()).orElseThrow();
            events.append(h, accountId, now, new EventLog.Change("opportunity.created", o.id(), created, null));
            return created;
        });
    }

    /** Whether the account holds this opportunity now. */
    public boolean exists(String accountId, String id) {
        return find(accountId, id).isPresent();
    }

    Optional<OpportunityDetail> find(String accountId, String id) {
        if (!Ids.looksLike("opp", id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> select(h, accountId, id));
    }

    OpportunityDetail update(String accountId, String id, OpportunityInput in, Instant now, Precondition ifMatch) {
        return change(accountId, id, "opportunity.updated", h -> checkReferences(h, accountId, in),
                old -> in.applyTo(old, now), now, ifMatch);
    }

    OpportunityDetail changeStage(String accountId, String id, String status, Instant now, Precondition ifMatch) {
        return change(accountId, id, "opportunity.stage_changed", h -> { }, old -> old.inStage(status, now), now,
                ifMatch);
    }

    /** Deletes once the locked row is found (and, when If-Match names versions, is one of them). */
    boolean delete(String accountId, String id, Instant now, Precondition ifMatch) {
        if (!Ids.looksLike("opp", id)) {
            return false;
        }
        return jdbi.inTransaction(h -> {
            if (!lock(h, accountId, id)) {
                return false;
            }
            OpportunityDetail old = select(h, accountId, id).orElseThrow();
            ifMatch.check(EntityTags.of(id, old.opportunity().updatedAt()));
            h.createUpdate("DELETE FROM opportunities WHERE account_id = :account AND id = :id")
                    .bind("account", accountId).bind("id", id).execute();
            events.append(h, accountId, now, new EventLog.Change("opportunity.deleted", id, old, null));
            return true;
        });
    }

    Listing<Opportunity> list(String accountId, OpportunityFilter filter) {
        Listing.Plan plan = new Listing.Plan(FROM, COLUMNS, filter.where(accountId), filter.page(), "o.id", null, null);
        return jdbi.withHandle(h -> Listing.fetch(h, plan, Opportunity::id, (rs, ctx) -> row(rs)));
    }

    /** Locks the row, computes its next state and writes it only when something really changed. */
    private OpportunityDetail change(String accountId, String id, String eventType,
                                     java.util.function.Consumer<Handle> validate, UnaryOperator<Opportunity> next,
                                     Instant now, Precondition ifMatch) {
        return jdbi.inTransaction(h -> {
            validate.accept(h);
            if (!lock(h, accountId, id)) {
                throw ApiException.notFound("Opportunity");
            }
            OpportunityDetail old = select(h, accountId, id).orElseThrow();
            ifMatch.check(EntityTags.of(id, old.opportunity().updatedAt()));
            Opportunity applied = next.apply(old.opportunity());
            if (applied.equals(old.opportunity())) {
                return old;
            }
            Instant previous = old.opportunity().updatedAt();
            bind(h.createUpdate("UPDATE opportunities SET " + WRITE_COLUMNS + " WHERE account_id = :account AND id = :id"),
                    accountId, applied.withUpdatedAt(now.isAfter(previous) ? now : previous.plusMillis(1))).execute();
            OpportunityDetail changed = select(h, accountId, id).orElseThrow();
            events.append(h, accountId, now, new EventLog.Change(eventType, id, changed, old));
            return changed;
        });
    }

    /** Locks the row; false when the account has no such opportunity. */
    private static boolean lock(Handle h, String accountId, String id) {
        return Ids.looksLike("opp", id) && h.createQuery(
                        "SELECT id FROM opportunities WHERE account_id = :account AND id = :id FOR UPDATE")
                .bind("account", accountId).bind("id", id).mapTo(String.class).findOne().isPresent();
    }

    /** A campaign or user of another account is refused exactly like a missing one. */
    private static void checkReferences(Handle h, String accountId, OpportunityInput in) {
        FieldErrors errors = new FieldErrors();
        String campaignId = in.campaignId().value();
        String userId = in.responsibleUserId().value();
        if (campaignId != null && !exists(h, "campaigns", accountId, campaignId)) {
            errors.add("campaign_id", "must name a campaign of this account");
        }
        if (userId != null && !exists(h, "users", accountId, userId)) {
            errors.add("responsible_user_id", "must name a user of this account");
        }
        errors.throwIfAny();
    }

    private static boolean exists(Handle h, String table, String accountId, String id) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", id).mapTo(Integer.class).one() > 0;
    }

    private static Optional<OpportunityDetail> select(Handle h, String accountId, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE o.account_id = :account AND o.id = :id")
                .bind("account", accountId).bind("id", id)
                .map((rs, ctx) -> new OpportunityDetail(row(rs), rs.getString("campaign_name"), rs.getString("user_name")))
                .findOne();
    }

    private static <S extends SqlStatement<S>> S bind(S s, String accountId, Opportunity o) {
        return PersonColumns.bind(s, o.name(), o.email(), o.phone(), o.company(), o.position(), o.linkedinUrl())
                .bind("account", accountId).bind("id", o.id())
                .bind("status", o.status()).bind("source", o.source())
                .bind("deal_value", o.dealValue()).bind("deal_currency", o.dealCurrency()).bind("notes", o.notes())
                .bind("campaign_id", o.campaignId()).bind("user_id", o.responsibleUserId())
                .bind("won_at", millis(o.wonAt())).bind("lost_at", millis(o.lostAt()))
                .bind("updated_at", o.updatedAt().toEpochMilli());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Opportunity row(ResultSet rs) throws SQLException {
        BigDecimal value = rs.getBigDecimal("deal_value");
        return new Opportunity(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                rs.getString("company"), rs.getString("job_position"), rs.getString("linkedin_url"),
                rs.getString("status"), rs.getString("source"), value == null ? null : OpportunityInput.canonical(value),
                rs.getString("deal_currency"), rs.getString("notes"), rs.getString("campaign_id"),
                rs.getString("responsible_user_id"),
                instant(rs, "won_at"), instant(rs, "lost_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
