package dev.leadstore.event;

/** Where an event stands in the log: ordered by writing transaction, then by sequence within it. */
public record Position(long tx, long seq) {
    public static final Position START = new Position(Long.MIN_VALUE, Long.MIN_VALUE);
}
