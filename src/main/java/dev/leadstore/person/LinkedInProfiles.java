package dev.leadstore.person;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form under which LinkedIn URLs are compared (URLs themselves are stored as given). A profile
 * URL, `/in/<slug>`, is the slug alone: percent-decoded, NFC-normalized, lowercased, whatever the
 * scheme, host (`www.`, country and mobile subdomains), trailing slash, query or fragment. Any other
 * LinkedIn URL is its lowercased host without `www.`, and its path without a trailing slash.
 */
public final class LinkedInProfiles {
    private static final Pattern PROFILE = Pattern.compile("^/in/([^/]+)/?$", Pattern.CASE_INSENSITIVE);

    private LinkedInProfiles() {
    }

    /** The comparison form of a LinkedIn URL, or null for null (or a URL that does not parse). */
    public static String key(String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher profile = PROFILE.matcher(path);
        if (profile.matches()) {
            String slug = Normalizer.normalize(decode(profile.group(1)), Normalizer.Form.NFC);
            return "in/" + slug.toLowerCase(Locale.ROOT);
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

    /** Percent-decoding as UTF-8; a malformed escape is kept as written. */
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
}
