package dev.leadstore.base;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects every bad field of one request so the error names them all at once. */
public final class FieldErrors {
    private final Map<String, String> problems = new LinkedHashMap<>();
    private final Map<String, ErrorCode> codes = new LinkedHashMap<>();

    public void add(String field, String problem) {
        problems.putIfAbsent(field, problem);
    }

    /** A problem that, when it is the request's only one, answers with its own code (INVALID_EMAIL, …). */
    public void add(String field, String problem, ErrorCode code) {
        if (!problems.containsKey(field)) {
            problems.put(field, problem);
            codes.put(field, code);
        }
    }

    public boolean has(String field) {
        return problems.containsKey(field);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        Map<String, Object> details = Map.of("fields", java.util.Collections.unmodifiableMap(new LinkedHashMap<>(problems)));
        if (problems.size() == 1) {
            var only = problems.entrySet().iterator().next();
            ErrorCode code = codes.get(only.getKey());
            if (code != null) {
                throw new ApiException(code, only.getKey() + ": " + only.getValue(), details);
            }
            throw new ApiException(ErrorCode.VALIDATION_ERROR,
                    "Invalid field '" + only.getKey() + "': " + only.getValue(), details);
        }
        throw new ApiException(ErrorCode.VALIDATION_ERROR,
                "Invalid fields: " + String.join(", ", problems.keySet()), details);
    }

    public static ApiException single(String field, String problem) {
        FieldErrors errors = new FieldErrors();
        errors.add(field, problem);
        try {
            errors.throwIfAny();
        } catch (ApiException e) {
            return e;
        }
        throw new IllegalStateException("unreachable");
    }
}
