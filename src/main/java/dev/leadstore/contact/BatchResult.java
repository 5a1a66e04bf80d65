package dev.leadstore.contact;

import java.util.List;
import java.util.Map;

/** What a batch did: one result per operation, in order, and their count by outcome. */
record BatchResult(List<Item> results, Summary summary) {

    /**
     * One operation's outcome: `status` is what its single endpoint would have answered; `data` the
     * contact after it (null for a delete or a failure); `error` the usual error object, or null.
     */
    record Item(int index, int status, String result, String id, Contact data, Map<String, Object> error) {
        boolean failed() {
            return status >= 400;
        }
    }

    record Summary(int created, int updated, int unchanged, int deleted, int failed) {
    }

    static BatchResult of(List<Item> items) {
        return new BatchResult(items, new Summary(count(items, "created"), count(items, "updated"),
                count(items, "unchanged"), count(items, "deleted"), count(items, "failed")));
    }

    List<Item> failures() {
        return results.stream().filter(Item::failed).toList();
    }

    private static int count(List<Item> items, String result) {
        return (int) items.stream().filter(i -> i.result().equals(result)).count();
    }
}
