package eu.efgs.gateway.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The download batches as the database links them: from the one batch without a predecessor to the end. */
public final class BatchChain {

    /** A batch on the chain. */
    public record Link(long id, String batchTag) {
    }

    private BatchChain() {
    }

    /** How many batches the table holds in all (the chain must reach every one). */
    public static long batches(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM download_batch");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Follows next_batch_tag from the first batch; fails unless exactly one batch has no predecessor. */
    public static List<Link> follow(Connection connection) throws SQLException {
        List<Link> chain = new ArrayList<>();
        List<String> firsts = new ArrayList<>();
        try (PreparedStatement first = connection.prepareStatement("SELECT batch_tag FROM download_batch b WHERE NOT "
                + "EXISTS (SELECT 1 FROM download_batch p WHERE p.next_batch_tag = b.batch_tag)");
             ResultSet rows = first.executeQuery()) {
            while (rows.next()) {
                firsts.add(rows.getString(1));
            }
        }
        if (firsts.size() > 1) {
            throw new AssertionError("The chain is broken: several batches without a predecessor " + firsts);
        }
        String next = firsts.isEmpty() ? null : firsts.get(0);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, next_batch_tag FROM download_batch WHERE batch_tag = ?")) {
            while (next != null) {
                select.setString(1, next);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new AssertionError("The chain links to a batch that does not exist: " + next);
                    }
                    chain.add(new Link(row.getLong(1), next));
                    next = row.getString(2);
                }
                if (chain.size() > 1_000_000) {
                    throw new AssertionError("The chain has a cycle");
                }
            }
        }
        return chain;
    }

    /** Empty when names are consecutive (yyyyMMdd-N, N from 1 each day) and ids grow along the chain. */
    public static List<String> problems(List<Link> chain) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String tag = chain.get(i).batchTag();
            int sequence = Integer.parseInt(tag.substring(9));
            if (i == 0) {
                continue;
            }
            String previous = chain.get(i - 1).batchTag();
            boolean sameDay = previous.substring(0, 8).equals(tag.substring(0, 8));
            int expected = sameDay ? Integer.parseInt(previous.substring(9)) + 1 : 1;
            if (sequence != expected) {
                problems.add(previous + " is followed by " + tag);
            }
            if (chain.get(i).id() <= chain.get(i - 1).id()) {
                problems.add(tag + " has id " + chain.get(i).id() + ", not above its predecessor's "
                        + chain.get(i - 1).id() + " (callbacks are sent in id order)");
            }
        }
        return problems;
    }
}
