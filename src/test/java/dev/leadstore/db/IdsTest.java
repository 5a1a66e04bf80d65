package dev.leadstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/api.md §1: a type prefix and 12 random lowercase alphanumerics, every character equally likely. */
class IdsTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int DRAWS = 72_000;

    @Test
    void each_of_the_twelve_characters_takes_every_value_about_equally_often() {
        int[][] counts = new int[12][ALPHABET.length()];
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < DRAWS; n++) {
            String id = Ids.next("cnt");
            assertThat(id).hasSize(16).startsWith("cnt_");
            assertThat(Ids.looksLike("cnt", id)).isTrue();
            for (int i = 0; i < 12; i++) {
                int value = ALPHABET.indexOf(id.charAt(4 + i));
                assertThat(value).as(id).isNotNegative();
                counts[i][value]++;
            }
            seen.add(id);
        }
        assertThat(seen).as("no id twice").hasSize(DRAWS);
        // 2 000 expected per value; a chi-square of 36 values beyond 90 has a chance below 1e-6.
        double expected = (double) DRAWS / ALPHABET.length();
        for (int i = 0; i < 12; i++) {
            double chi = 0;
            for (int count : counts[i]) {
                chi += (count - expected) * (count - expected) / expected;
            }
            assertThat(chi).as("chi-square of character " + i).isLessThan(90);
        }
    }
}
