package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * `GET /docs`: the API reference as a page, rendered in the browser from /openapi.json by the
 * Swagger UI that Leadstore carries (a webjar), so no asset comes from anywhere else. The page and
 * its few files are read once; a strict Content-Security-Policy forbids inline script.
 */
public final class DocsPage {
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private record Asset(byte[] bytes, String type) {
    }

    private final Map<String, Asset> assets;

    private DocsPage(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads the page, its script and style, and the renderer out of the class path. */
    public static DocsPage load() {
        String renderer = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
        return new DocsPage(Map.of(
                "index.html", asset("/dev/leadstore/docs/index.html", "text/html; charset=utf-8"),
                "docs.js", asset("/dev/leadstore/docs/docs.js", "text/javascript; charset=utf-8"),
                "docs.css", asset("/dev/leadstore/docs/docs.css", "text/css; charset=utf-8"),
                "swagger-ui.css", asset(renderer + "swagger-ui.css", "text/css; charset=utf-8"),
                "swagger-ui-bundle.js", asset(renderer + "swagger-ui-bundle.js", "text/javascript; charset=utf-8")));
    }

    public void page(Context ctx) {
        send(ctx, assets.get("index.html"));
    }

    public void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null || ctx.pathParam("file").equals("index.html")) {
            throw ApiException.notFound("File");
        }
        send(ctx, asset);
    }

    private static void send(Context ctx, Asset asset) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.type());
        ctx.result(asset.bytes());
    }

    private static Asset asset(String resource, String type) {
        try (InputStream in = DocsPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + resource);
            }
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = DocsPage.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
