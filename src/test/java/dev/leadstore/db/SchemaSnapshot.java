package dev.leadstore.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;

/**
 * A schema as lines of text, one for each table, column, index, constraint (and extension on
 * PostgreSQL), read from the catalog. What the queries select is what counts; what they leave out
 * may differ harmlessly between two databases of the same schema: column positions, the names the
 * database makes up for constraints and their indexes. Flyway's own table is left out.
 */
final class SchemaSnapshot {
    private static final List<String> H2 = List.of(
            """
            SELECT TABLE_NAME AS "table", TABLE_TYPE AS "type" FROM INFORMATION_SCHEMA.TABLES
            WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'flyway_schema_history'""",
            """
            SELECT TABLE_NAME || '.' || COLUMN_NAME AS "column", DATA_TYPE AS "type",
                CHARACTER_MAXIMUM_LENGTH AS "length", NUMERIC_PRECISION AS "precision", NUMERIC_SCALE AS "scale",
                IS_NULLABLE AS "nullable", COLUMN_DEFAULT AS "default", COLLATION_NAME AS "collation",
                IS_IDENTITY AS "identity", GENERATION_EXPRESSION AS "generated"
            FROM INFORMATION_SCHEMA.COLUMNS
            WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'flyway_schema_history'""",
            """
            SELECT CASE WHEN i.IS_GENERATED THEN '(made for a constraint)' ELSE i.INDEX_NAME END AS "index",
                i.TABLE_NAME AS "on", i.INDEX_TYPE_NAME AS "type", i.INDEX_CLASS AS "method",
                (SELECT LISTAGG(c.COLUMN_NAME || ' ' || c.ORDERING_SPECIFICATION || COALESCE(' NULLS ' || c.NULL_ORDERING, ''), ', ')
                    WITHIN GROUP (ORDER BY c.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEX_COLUMNS c
                    WHERE c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME) AS "columns"
            FROM INFORMATION_SCHEMA.INDEXES i
            WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.TABLE_NAME <> 'flyway_schema_history'""",
            """
            SELECT t.CONSTRAINT_TYPE AS "constraint", t.TABLE_NAME AS "on", %s AS "columns",
                u.TABLE_NAME AS "references", %s AS "referenced",
                r.UPDATE_RULE AS "on_update", r.DELETE_RULE AS "on_delete", k.CHECK_CLAUSE AS "check"
            FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t
            LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
                ON r.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = t.CONSTRAINT_NAME
            LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS u
                ON u.CONSTRAINT_SCHEMA = r.UNIQUE_CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
            LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS k
                ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME
            WHERE t.TABLE_SCHEMA = 'PUBLIC' AND t.TABLE_NAME <> 'flyway_schema_history'"""
                    .formatted(h2KeyColumns("t"), h2KeyColumns("u")));

    private static final List<String> POSTGRES = List.of(
            """
            SELECT c.relname AS "relation", c.relkind AS "kind", c.reloptions AS "options"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind NOT IN ('i', 'I') AND c.relname NOT LIKE 'flyway_schema_history%'""",
            """
            SELECT c.relname || '.' || a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type",
                a.attnotnull AS "not_null", pg_get_expr(d.adbin, d.adrelid) AS "default", co.collname AS "collation",
                NULLIF(a.attidentity::text, '') AS "identity", NULLIF(a.attgenerated::text, '') AS "generated"
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history'
                AND a.attnum > 0 AND NOT a.attisdropped""",
            // The definition after USING: method, columns with operator classes and order, WITH options, WHERE.
            """
            SELECT CASE WHEN k.contype IS NULL THEN i.relname ELSE '(made for constraint ' || k.contype::text || ')' END AS "index",
                t.relname AS "on", x.indisunique AS "unique", am.amname AS "method", i.reloptions AS "options",
                substring(pg_get_indexdef(i.oid) FROM ' USING (.*)$') AS "definition"
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_am am ON am.oid = i.relam
            LEFT JOIN pg_constraint k ON k.conindid = i.oid AND k.conrelid = t.oid AND k.contype IN ('p', 'u', 'x')
            WHERE n.nspname = 'public' AND t.relname <> 'flyway_schema_history'""",
            """
            SELECT k.contype AS "constraint", t.relname AS "on", pg_get_constraintdef(k.oid) AS "definition",
                k.condeferrable AS "deferrable"
            FROM pg_constraint k
            JOIN pg_class t ON t.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname <> 'flyway_schema_history'""",
            """
            SELECT extname AS "extension", extversion AS "version" FROM pg_extension WHERE extname <> 'plpgsql'""");

    private SchemaSnapshot() {
    }

    /** The lines, sorted. */
    static List<String> of(Handle h, boolean postgres) {
        List<String> lines = new ArrayList<>();
        for (String query : postgres ? POSTGRES : H2) {
            lines.addAll(h.createQuery(query).map((rs, ctx) -> line(rs)).list());
        }
        lines.sort(null);
        return lines;
    }

    private static String h2KeyColumns(String constraint) {
        return ("(SELECT LISTAGG(COLUMN_NAME, ', ') WITHIN GROUP (ORDER BY ORDINAL_POSITION) "
                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE CONSTRAINT_SCHEMA = %1$s.CONSTRAINT_SCHEMA "
                + "AND CONSTRAINT_NAME = %1$s.CONSTRAINT_NAME)").formatted(constraint);
    }

    /** "label=value" for each column that is not null. */
    private static String line(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringJoiner line = new StringJoiner(" ");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String value = rs.getString(i);
            if (value != null) {
                line.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT) + "=" + value);
            }
        }
        return line.toString();
    }
}
