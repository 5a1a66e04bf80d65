package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Cli;
import dev.leadstore.support.TestDatabase;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server whose port another program holds stops at once and names the port, not something else. */
class ServePortInUseTest {
    @Test
    void serve_on_a_port_in_use_fails_naming_the_port() throws Exception {
        try (TestDatabase database = TestDatabase.h2(); ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = new HashMap<>(database.environment());
            env.put("LEADSTORE_PORT", Integer.toString(taken.getLocalPort()));
            Cli.Result result = Cli.run(env, "serve");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.refusal()).as(result.toString()).containsExactly("leadstore serve: port "
                    + taken.getLocalPort() + " is in use by another program; stop it, or set LEADSTORE_PORT to a free port");
        }
    }
}
