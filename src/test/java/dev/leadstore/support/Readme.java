package dev.leadstore.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's fenced blocks, in order, each with its language, its text and the section it is in. */
public final class Readme {
    /** One fenced block; `followedBy` is the next block when only blank lines lie between them. */
    public record Block(String language, String text, String section, int line, Block followedBy) {
        public Block withFollower(Block next) {
            return new Block(language, text, section, line, next);
        }
    }

    private Readme() {
    }

    public static List<Block> blocks(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "");
            } else if (line.startsWith("```")) {
                String language = line.substring(3).strip();
                StringBuilder text = new StringBuilder();
                int start = i + 1;
                for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                blocks.add(new Block(language, text.toString(), section, start, null));
                ends.add(i);
            }
        }
        // Link each block to the next one when nothing but blank lines separates them.
        for (int b = blocks.size() - 2; b >= 0; b--) {
            int from = ends.get(b) + 1;
            int to = blocks.get(b + 1).line() - 1;
            boolean adjacent = true;
            for (int i = from; i < to; i++) {
                adjacent &= lines.get(i).isBlank();
            }
            if (adjacent) {
                blocks.set(b, blocks.get(b).withFollower(blocks.get(b + 1)));
            }
        }
        return blocks;
    }
}
