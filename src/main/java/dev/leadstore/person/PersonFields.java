package dev.leadstore.person;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.Patch;
import dev.leadstore.base.Text;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of the person fields that contacts, opportunities and users share. Each reader takes
 * its field from a body as a {@link Patch}, recording any problem in the body's errors.
 */
public final class PersonFields {
    public static final int MAX_TEXT = 255;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_URL = 2048;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern ASCII_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private PersonFields() {
    }

    /** `name`: required on create, never null, trimmed, 1 to 255 characters. */
    public static Patch<String> name(BodyReader body, boolean creating) {
        if (creating) {
            body.require("name");
        } else {
            body.refuseNull("name");
        }
        return body.patch("name", () -> {
            String name = body.string("name", MAX_TEXT, true, false);
            if (name != null && name.isEmpty()) {
                body.errors().add("name", "must not be empty");
            }
            return name;
        });
    }

    /** An optional text field of at most 255 characters, kept as given. */
    public static Patch<String> text(BodyReader body, String field) {
        return body.patch(field, () -> body.string(field, MAX_TEXT, false, false));
    }

    public static Patch<String> email(BodyReader body) {
        return body.patch("email", () -> email(body, "email"));
    }

    public static Patch<String> phone(BodyReader body) {
        return body.patch("phone", () -> phone(body, "phone"));
    }

    public static Patch<String> linkedinUrl(BodyReader body) {
        return body.patch("linkedin_url", () -> linkedin(body, "linkedin_url"));
    }

    /**
     * The form under which emails are compared and made unique: the local part lowercased, the
     * domain in its IDNA ASCII form (after Unicode normalization), lowercased; so x@münchen.de,
     * x@xn--mnchen-3ya.de and the decomposed spelling are one address. Text that is no address
     * (a list filter may be anything) is just lowercased.
     */
    public static String emailKey(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return email.toLowerCase(Locale.ROOT);
        }
        try {
            String domain = IDN.toASCII(Normalizer.normalize(email.substring(at + 1), Normalizer.Form.NFC));
            return (email.substring(0, at) + '@' + domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return email.toLowerCase(Locale.ROOT);
        }
    }

    /** An email address read from the field, or null (absent, null, or refused). */
    public static String email(BodyReader body, String field) {
        String value = body.string(field, Integer.MAX_VALUE, false, false);
        if (value == null) {
            return null;
        }
        if (Text.length(value) > MAX_EMAIL) {
            body.errors().add(field, "must be at most " + MAX_EMAIL + " characters", ErrorCode.INVALID_EMAIL);
            return null;
        }
        if (!isEmail(value)) {
            body.errors().add(field, "must be a valid email address", ErrorCode.INVALID_EMAIL);
            return null;
        }
        return value;
    }

    static boolean isEmail(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            return false;
        }
        String local = value.substring(0, at);
        return local.length() <= 64 && LOCAL_PART.matcher(local).matches() && isDomain(value.substring(at + 1));
    }

    private static boolean isDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            return false;
        }
        for (String label : labels) {
            if (!ASCII_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TLD.matcher(labels[labels.length - 1]).matches();
    }

    private static String phone(BodyReader body, String field) {
        String value = body.string(field, 64, false, false);
        if (value == null) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(value, null);
            if (number.hasExtension()) {
                // E.164 has no extensions: keeping the number without one would lose what was sent.
                body.errors().add(field, "must not carry an extension (E.164 numbers have none)");
                return null;
            }
            if (PHONES.isPossibleNumber(number)) {
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // falls through to the error below
        }
        body.errors().add(field, "must be a phone number with country code, like +5511988888888");
        return null;
    }

    private static String linkedin(BodyReader body, String field) {
        String value = body.string(field, MAX_URL, false, false);
        if (value == null) {
            return null;
        }
        if (!isLinkedIn(value)) {
            body.errors().add(field, "must be an http(s) URL on linkedin.com");
            return null;
        }
        return value;
    }

    static boolean isLinkedIn(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https"))
                    && uri.getRawUserInfo() == null
                    && (host.equals("linkedin.com") || host.endsWith(".linkedin.com"));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
