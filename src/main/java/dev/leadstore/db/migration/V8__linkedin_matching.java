package dev.leadstore.db.migration;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Upsert and the `linkedin_url` filter match contacts by LinkedIn profile: a column with each
 * contact's comparison form of its URL (computed in Java, as the server computes it; the rule is
 * written out here as it was when this migration was made), an index on it, and the locks that
 * serialize the upserts matching one profile (profiles, unlike emails, are not unique).
 */
public class V8__linkedin_matching extends BaseJavaMigration {
    private static final Pattern PROFILE = Pattern.compile("^/in/([^/]+)/?$", Pattern.CASE_INSENSITIVE);

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        execute(c, "ALTER TABLE contacts ADD COLUMN linkedin_key VARCHAR");
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("SELECT account_id, id, linkedin_url FROM contacts "
                     + "WHERE linkedin_url IS NOT NULL");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE contacts SET linkedin_key = ? WHERE account_id = ? AND id = ?")) {
            while (rs.next()) {
                update.setString(1, key(rs.getString(3)));
                update.setString(2, rs.getString(1));
                update.setString(3, rs.getString(2));
                update.addBatch();
            }
            update.executeBatch();
        }
        execute(c, "CREATE INDEX contacts_linkedin ON contacts (account_id, linkedin_key)");
        execute(c, "CREATE TABLE contact_match_locks (account_id VARCHAR(16) NOT NULL, match_key VARCHAR NOT NULL, "
                + "PRIMARY KEY (account_id, match_key))");
    }

    private static String key(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher profile = PROFILE.matcher(path);
        if (profile.matches()) {
            return "in/" + Normalizer.normalize(decode(profile.group(1)), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return host + path;
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
