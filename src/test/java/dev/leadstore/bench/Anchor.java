package dev.leadstore.bench;

import dev.leadstore.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchor of the create target: what PostgreSQL itself does when 16 clients each insert one
 * contact-shaped row per durable transaction into a table with a primary key and a unique
 * (account_id, lower(email)) index, and nothing else. pgbench when installed (PostgreSQL's client
 * package), else the same statement over plain JDBC.
 */
final class Anchor {
    static final String NAME = "anchor: one-row insert txn";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final String TABLE = "CREATE TABLE IF NOT EXISTS anchor_contacts (account_id VARCHAR(16) NOT NULL, "
            + "id VARCHAR(16) NOT NULL, name VARCHAR NOT NULL, email VARCHAR, phone VARCHAR, company VARCHAR, "
            + "job_position VARCHAR, source VARCHAR NOT NULL, tags VARCHAR NOT NULL, custom_fields VARCHAR NOT NULL, "
            + "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (account_id, id))";
    private static final String INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS anchor_contacts_email "
            + "ON anchor_contacts (account_id, lower(email))";
    /** One row; random ids and emails (48 random bits each), so no two transactions collide. */
    private static final String INSERT = "INSERT INTO anchor_contacts VALUES ('acc_anchor00000', "
            + "'cnt_' || substr(md5(random()::text), 1, 12), 'Jane Smith', "
            + "substr(md5(random()::text), 1, 16) || '@company.com', '+5511988888888', 'Tech Corp', 'CTO', 'website', "
            + "'[\"bench\",\"inbound\"]', '{}', 1764000000000, 1764000000000)";

    private Anchor() {
    }

    static Result measure(TestDatabase database, Options o) throws SQLException, IOException, InterruptedException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(TABLE);
            s.execute(INDEX);
        }
        Path pgbench = Path.of("/usr/bin/pgbench");
        return Files.isExecutable(pgbench) ? pgbench(pgbench, database, o) : jdbc(database, o);
    }

    private static Result pgbench(Path pgbench, TestDatabase database, Options o) throws IOException, InterruptedException {
        Path script = Files.createTempFile("leadstore-anchor-", ".sql");
        Files.writeString(script, INSERT + ";\n", StandardCharsets.UTF_8);
        URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        String name = url.getPath().substring(1);
        List<String> command = List.of(pgbench.toString(), "-h", url.getHost(), "-p", Integer.toString(url.getPort()),
                "-U", "postgres", "-n", "-c", Integer.toString(o.clients()), "-j", "2",
                "-T", Integer.toString(o.warmupSeconds() + o.seconds()), "-f", script.toString(), name);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.MINUTES);
        Files.deleteIfExists(script);
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no rate:\n" + output);
        }
        double rate = Double.parseDouble(tps.group(1));
        // pgbench reports a rate, not each transaction: no percentiles.
        return new Result(NAME + " (pgbench)", Math.round(rate * o.seconds()), o.seconds(), rate, Double.NaN, Double.NaN,
                0, List.of(), -1);
    }

    /** One connection per client, each insert committed on its own, as pgbench does. */
    private static Result jdbc(TestDatabase database, Options o) throws SQLException {
        Connection[] connections = new Connection[o.clients()];
        try {
            for (int i = 0; i < connections.length; i++) {
                connections[i] = database.connect();
            }
            return Load.run(NAME + " (JDBC)", o.clients(), o.warmupSeconds(), o.seconds(), worker -> {
                try (PreparedStatement insert = connections[worker].prepareStatement(INSERT)) {
                    insert.executeUpdate();
                }
            });
        } finally {
            for (Connection c : connections) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
