package dev.leadstore.db.migration;

import java.net.IDN;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Contacts' emails became unique under their comparison form: the domain in IDNA ASCII form after
 * Unicode normalization (x@münchen.de and x@xn--mnchen-3ya.de are one address). Only emails with
 * non-ASCII characters change. Where two contacts of an account already hold two spellings of one
 * address, the later keeps its old form, so that no contact is lost; each such pair is reported.
 * The rule is written out here as it was when this migration was made.
 */
public class V7__email_comparison_form extends BaseJavaMigration {
    private record Row(String accountId, String id, String email) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        String nonAscii = postgres ? "email_lc ~ '[^\\x01-\\x7f]'" : "REGEXP_LIKE(email_lc, '[^\\x01-\\x7F]')";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT account_id, id, email FROM contacts WHERE "
                + nonAscii + " ORDER BY account_id, created_at, id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE contacts SET email_lc = ? "
                + "WHERE account_id = ? AND id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM contacts o WHERE o.account_id = ? AND o.email_lc = ? AND o.id <> ?)")) {
            for (Row row : rows) {
                String key = key(row.email());
                update.setString(1, key);
                update.setString(2, row.accountId());
                update.setString(3, row.id());
                update.setString(4, row.accountId());
                update.setString(5, key);
                update.setString(6, row.id());
                if (update.executeUpdate() == 0) {
                    System.err.println("Leadstore migration 7: contact " + row.id() + " of account " + row.accountId()
                            + " keeps its email's old comparison form: another contact holds " + key);
                }
            }
        }
    }

    private static String key(String email) throws SQLException {
        int at = email.lastIndexOf('@');
        try {
            String domain = IDN.toASCII(Normalizer.normalize(email.substring(at + 1), Normalizer.Form.NFC));
            return (email.substring(0, at) + '@' + domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return email.toLowerCase(Locale.ROOT);
        }
    }
}
