package dev.leadstore.opportunity;

import dev.leadstore.db.Ids;
import dev.leadstore.db.Listing;
import dev.leadstore.db.PersonColumns;
import dev.leadstore.http.ApiException;
import dev.leadstore.validation.FieldErrors;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** All SQL of the opportunities table (reading campaign and user names alongside). */
final class OpportunityStore {
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

    OpportunityStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Opportunity create(String accountId, OpportunityInput in, Instant now) {
        String id = Ids.next("opp");
        return jdbi.inTransaction(h -> {
            checkReferences(h, accountId, in);
            var p = in.person();
            Opportunity o = new Opportunity(id, p.name(), p.email(), p.phone(), p.company(), p.position(),
                    p.linkedinUrl(), in.status(), in.source(), in.dealValue(), in.dealCurrency(), in.notes(),
                    ref(in.campaignId()), ref(in.responsibleUserId()),
                    in.status().equals("won") ? now : null, in.status().equals("lost") ? now : null, now, now);
            bind(h.createUpdate("INSERT INTO opportunities (account_id, id, created_at, name, name_lc, email, email_lc, "
                    + "phone, company, company_lc, job_position, linkedin_url, status, source, deal_value, deal_currency, "
                    + "notes, campaign_id, responsible_user_id, won_at, lost_at, updated_at) VALUES (:account, :id, "
                    + ":created_at, :name, :name_lc, :email, :email_lc, :phone, :company, :company_lc, :position, "
                    + ":linkedin_url, :status, :source, :deal_value, :deal_currency, :notes, :campaign_id, :user_id, "
                    + ":won_at, :lost_at, :updated_at)"), accountId, o).bind("created_at", now.toEpochMilli()).execute();
            return select(h, accountId, id).orElseThrow();
        });
    }

    Optional<Opportunity> find(String accountId, String id) {
        if (!Ids.looksLike("opp", id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> select(h, accountId, id));
    }

    Opportunity update(String accountId, String id, OpportunityInput in, Instant now) {
        return change(accountId, id, h -> checkReferences(h, accountId, in), old -> apply(old, in, now));
    }

    Opportunity changeStage(String accountId, String id, String status, Instant now) {
        return change(accountId, id, h -> { }, old -> old.status().equals(status) ? old : new Opportunity(old.id(),
                old.name(), old.email(), old.phone(), old.company(), old.position(), old.linkedinUrl(), status,
                old.source(), old.dealValue(), old.dealCurrency(), old.notes(), old.campaign(), old.responsibleUser(),
                status.equals("won") ? now : null, status.equals("lost") ? now : null, old.createdAt(),
                later(now, old.updatedAt())));
    }

    boolean delete(String accountId, String id) {
        if (!Ids.looksLike("opp", id)) {
            return false;
        }
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM opportunities WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", id).execute() == 1);
    }

    Listing<Opportunity> list(String accountId, OpportunityFilter filter) {
        return jdbi.withHandle(h -> Listing.fetch(h, FROM, COLUMNS, filter.where(accountId), filter.page(), "o.id",
                (rs, ctx) -> row(rs)));
    }

    /** Locks the row, computes its next state and writes it only when something really changed. */
    private Opportunity change(String accountId, String id, java.util.function.Consumer<Handle> validate,
                               java.util.function.UnaryOperator<Opportunity> next) {
        return jdbi.inTransaction(h -> {
            validate.accept(h);
            boolean locked = Ids.looksLike("opp", id) && h.createQuery(
                            "SELECT id FROM opportunities WHERE account_id = :account AND id = :id FOR UPDATE")
                    .bind("account", accountId).bind("id", id).mapTo(String.class).findOne().isPresent();
            if (!locked) {
                throw ApiException.notFound("Opportunity");
            }
            Opportunity old = select(h, accountId, id).orElseThrow();
            Opportunity changed = next.apply(old);
            if (sameContent(old, changed)) {
                return old;
            }
            bind(h.createUpdate("UPDATE opportunities SET " + WRITE_COLUMNS + " WHERE account_id = :account AND id = :id"),
                    accountId, changed).execute();
            return select(h, accountId, id).orElseThrow();
        });
    }

    private static Opportunity apply(Opportunity old, OpportunityInput in, Instant now) {
        var p = in.person();
        return new Opportunity(old.id(),
                in.has("name") ? p.name() : old.name(),
                in.has("email") ? p.email() : old.email(),
                in.has("phone") ? p.phone() : old.phone(),
                in.has("company") ? p.company() : old.company(),
                in.has("position") ? p.position() : old.position(),
                in.has("linkedin_url") ? p.linkedinUrl() : old.linkedinUrl(),
                old.status(),
                in.has("source") ? in.source() : old.source(),
                in.has("deal_value") ? in.dealValue() : old.dealValue(),
                in.has("deal_currency") ? in.dealCurrency() : old.dealCurrency(),
                in.has("notes") ? in.notes() : old.notes(),
                in.has("campaign_id") ? ref(in.campaignId()) : old.campaign(),
                in.has("responsible_user_id") ? ref(in.responsibleUserId()) : old.responsibleUser(),
                old.wonAt(), old.lostAt(), old.createdAt(), later(now, old.updatedAt()));
    }

    /** updated_at always moves forward on a change, even within one millisecond. */
    private static Instant later(Instant now, Instant previous) {
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }

    private static boolean sameContent(Opportunity a, Opportunity b) {
        return a.name().equals(b.name()) && Objects.equals(a.email(), b.email())
                && Objects.equals(a.phone(), b.phone()) && Objects.equals(a.company(), b.company())
                && Objects.equals(a.position(), b.position()) && Objects.equals(a.linkedinUrl(), b.linkedinUrl())
                && a.status().equals(b.status()) && a.source().equals(b.source())
                && Objects.equals(a.dealValue(), b.dealValue()) && a.dealCurrency().equals(b.dealCurrency())
                && Objects.equals(a.notes(), b.notes()) && Objects.equals(a.campaignId(), b.campaignId())
                && Objects.equals(a.responsibleUserId(), b.responsibleUserId());
    }

    /** A campaign or user of another account is refused exactly like a missing one. */
    private static void checkReferences(Handle h, String accountId, OpportunityInput in) {
        FieldErrors errors = new FieldErrors();
        if (in.campaignId() != null && !exists(h, "campaigns", accountId, in.campaignId())) {
            errors.add("campaign_id", "must name a campaign of this account");
        }
        if (in.responsibleUserId() != null && !exists(h, "users", accountId, in.responsibleUserId())) {
            errors.add("responsible_user_id", "must name a user of this account");
        }
        errors.throwIfAny();
    }

    private static boolean exists(Handle h, String table, String accountId, String id) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", id).mapTo(Integer.class).one() > 0;
    }

    private static Opportunity.Ref ref(String id) {
        return id == null ? null : new Opportunity.Ref(id, null);
    }

    private static Optional<Opportunity> select(Handle h, String accountId, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE o.account_id = :account AND o.id = :id")
                .bind("account", accountId).bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S s, String accountId, Opportunity o) {
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
                rs.getString("deal_currency"), rs.getString("notes"),
                named(rs.getString("campaign_id"), rs.getString("campaign_name")),
                named(rs.getString("responsible_user_id"), rs.getString("user_name")),
                instant(rs, "won_at"), instant(rs, "lost_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Opportunity.Ref named(String id, String name) {
        return id == null ? null : new Opportunity.Ref(id, name);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
