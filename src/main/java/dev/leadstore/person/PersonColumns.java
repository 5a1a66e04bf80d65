package dev.leadstore.person;

import java.util.Locale;
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
}
