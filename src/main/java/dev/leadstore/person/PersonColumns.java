package dev.leadstore.person;

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

    public static <S extends SqlStatement<S>> S bind(S statement, String name, String email, String phone,
                                                     String company, String position, String linkedinUrl) {
        return statement.bind("name", name).bind("name_lc", name.toLowerCase(Locale.ROOT))
                .bind("email", email).bind("email_lc", email == null ? null : email.toLowerCase(Locale.ROOT))
                .bind("phone", phone)
                .bind("company", company).bind("company_lc", company == null ? null : company.toLowerCase(Locale.ROOT))
                .bind("position", position).bind("linkedin_url", linkedinUrl);
    }

    /**
     * The same columns as {@link #bind}, put in a map by name (for plain JDBC, whose statements
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
