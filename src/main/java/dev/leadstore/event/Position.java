package dev.leadstore.event;

/** Where an event stands in the log: ordered by writing transaction, then by sequence within it. */
record Position(long tx, long seq) {
    static final Position START = new Position(Long.MIN_VALUE, Long.MIN_VALUE);
}
