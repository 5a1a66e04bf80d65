package dev.leadstore;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object a line: `timestamp` (ISO-8601, UTC), `level`, `logger`, `message`, then the
 * request's fields from the MDC (`request_id`, `method`, `route`, `status`, `duration_ms`,
 * `account_id`, `key_id`; numbers as numbers), then `exception` when there is one.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    /** MDC fields written as JSON numbers. */
    private static final Set<String> NUMBERS = Set.of("status", "duration_ms");
    /** The request's fields, in this order, before any other MDC field. */
    private static final List<String> ORDER = List.of("request_id", "method", "route", "status", "duration_ms",
            "account_id", "key_id");

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("message", event.getFormattedMessage());
            Map<String, String> mdc = event.getMDCPropertyMap();
            for (String name : ORDER) {
                field(json, name, mdc.get(name));
            }
            for (Map.Entry<String, String> field : mdc.entrySet()) {
                if (!ORDER.contains(field.getKey())) {
                    field(json, field.getKey(), field.getValue());
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            return;
        }
        if (NUMBERS.contains(name) && value.matches("-?\\d{1,18}")) {
            json.writeNumberField(name, Long.parseLong(value));
        } else {
            json.writeStringField(name, value);
        }
    }
}
