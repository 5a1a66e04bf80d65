package dev.leadstore.web;

import dev.leadstore.base.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard: a web app for people, served at `/` with its files under `/app/`, that speaks only
 * the public API from the browser. Its files are read once from the class path; every answer carries
 * a Content-Security-Policy that allows scripts from this server only (no inline script, no inline
 * handlers) and an ETag, so a browser revalidates cheaply and picks up a new version at once.
 */
public final class Dashboard {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final String FOLDER = "/dev/leadstore/web/";
    /** The page and the files it loads; anything else under /app/ is 404. */
    private static final List<String> FILES = List.of("index.html", "app.css", "icon.svg", "main.js", "api.js",
            "ui.js", "signin.js", "contacts.js", "contact-form.js", "history.js", "board.js", "admin.js",
            "webhooks.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final Map<String, Asset> assets;

    private Dashboard(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads every file of the app; a missing one stops startup. */
    public static Dashboard load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String file : FILES) {
            assets.put(file, read(file));
        }
        return new Dashboard(Map.copyOf(assets));
    }

    /** `GET /`: the app's page. */
    public void page(Context ctx) {
        send(ctx, assets.get("index.html"));
    }

    /** `GET /app/{file}`: one of the app's files. */
    public void asset(Context ctx) {
        String file = ctx.pathParam("file");
        Asset asset = assets.get(file);
        if (asset == null || file.equals("index.html")) {
            throw ApiException.notFound("File");
        }
        send(ctx, asset);
    }

    private static void send(Context ctx, Asset asset) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        // Revalidate every time: the ETag makes that a 304 without a body until the server is upgraded.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.type());
        ctx.result(asset.bytes());
    }

    private static Asset read(String file) {
        try (InputStream in = Dashboard.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + FOLDER + file);
            }
            byte[] bytes = in.readAllBytes();
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            return new Asset(bytes, type, etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
