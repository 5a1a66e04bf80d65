package dev.leadstore.person;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The person columns that contacts and opportunities share, with the lowercased forms that
 * matching and sorting use, computed here in Java so both databases agree.
 */
public final class PersonColumns {
    private PersonColumns() {
    }

    /** Binds the columns {@link #put} names, each as text. */
    public static <S extends SqlStatement<S>> S bind(S statement, String name, String email, String phone,
                                                     String company, String position, String linkedinUrl) {
        Map<String, Object> values = new LinkedHashMap<>();
        put(values, name, email, phone, company, position, linkedinUrl);
        values.forEach((column, value) -> statement.bind(column, (String) value));
        return statement;
    }

    /**
     * The person columns by name, put in a map (for plain JDBC, whose statements
     * refuse to run with a name left without a value).
     */
    public static void put(Map<String, Object> values, String name, String email, String phone, String company,
                           String position, String linkedinUrl) {
        values.put("name", name);
        values.put("name_lc", name.toLowerCase(Locale.ROOT));
        values.put("email", email);
        values.put("email_lc", email == null ? null : email.toLowerCase(Locale.ROOT));
        values.put("phone", phone);
        values.put("company", company);
        values.put("company_lc", company == null ? null : company.toLowerCase(Locale.ROOT));
        values.put("position", position);
        values.put("linkedin_url", linkedinUrl);
    }
}
