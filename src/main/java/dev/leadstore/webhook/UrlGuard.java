package dev.leadstore.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What keeps webhooks from reaching inside the server's network (SSRF): the URL must be http or
 * https, and every address its host resolves to must be public, unless private addresses are
 * allowed. The checked address is the one a delivery connects to, so a name that resolves
 * differently a moment later (DNS rebinding) cannot slip through.
 */
final class UrlGuard {
    private final boolean allowPrivate;

    /** Where one delivery goes: the URL and the address that was checked for it. */
    record Target(URI uri, String host, int port, boolean https, InetAddress address) {
    }

    /** The URL is refused; the message is what the client is told about field `url`. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    UrlGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** What is wrong with the URL's form, without resolving it; null when nothing. */
    static String syntaxProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be a valid absolute URL";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not hold a user name or password";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#…)";
        }
        return null;
    }

    /** Resolves the URL's host and checks every address; the first one is the target. */
    Target check(String url) throws Refused {
        String problem = syntaxProblem(url);
        if (problem != null) {
            throw new Refused(problem);
        }
        URI uri = URI.create(url);
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + host + " cannot be resolved");
        } catch (SecurityException | IllegalArgumentException e) {
            throw new Refused("the host " + host + " cannot be resolved");
        }
        if (addresses.length == 0) {
            throw new Refused("the host " + host + " cannot be resolved");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String kind = forbidden(address);
                if (kind != null) {
                    throw new Refused("must not point to a " + kind + " address (" + address.getHostAddress() + ")");
                }
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        return new Target(uri, host, port, https, addresses[0]);
    }

    /** The kind of address webhooks may not call (loopback, private, …); null for a public one. */
    static String forbidden(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) carry an IPv4 address; so does NAT64's 64:ff9b::/96.
            boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0;
            if (mapped || compatible || nat64) {
                if (compatible && address.isLoopbackAddress()) {
                    return "loopback";
                }
                if (compatible && address.isAnyLocalAddress()) {
                    return "unspecified";
                }
                String kind = forbiddenV4(new byte[] {b[12], b[13], b[14], b[15]});
                return kind != null ? kind : mapped || compatible ? "IPv4-mapped" : null;
            }
            int first = b[0] & 0xff;
            if (address.isLoopbackAddress()) {
                return "loopback";
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
                return "link-local";
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "site-local";
            }
            if ((first & 0xfe) == 0xfc) {
                return "unique local";
            }
            if (first == 0xff) {
                return "multicast";
            }
            return null;
        }
        return "unknown";
    }

    private static String forbiddenV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "\"this network\" (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "shared (carrier-grade NAT, 100.64.0.0/10)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) {
            return "reserved (192.0.0.0/24)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "reserved (198.18.0.0/15)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast";
        }
        if (a0 >= 240) {
            return "reserved (240.0.0.0/4)";
        }
        return null;
    }
}
