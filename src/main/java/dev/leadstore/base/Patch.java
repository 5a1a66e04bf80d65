package dev.leadstore.base;

/**
 * One field of a write body: absent (keep what is stored) or given, possibly as null (clear it).
 * Inputs hold one of these per field, so "which fields were sent" travels with the values and
 * applying a body is the same code for a create (onto a blank record) and an update.
 */
public record Patch<T>(boolean given, T value) {
    private static final Patch<?> ABSENT = new Patch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    public static <T> Patch<T> of(T value) {
        return new Patch<>(true, value);
    }

    /** The given value, or the current one when the field was absent. */
    public T or(T current) {
        return given ? value : current;
    }
}
