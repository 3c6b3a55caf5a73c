package io.ticketgate.agent;

import java.util.List;
import java.util.Optional;

/**
 * One page of a describe call.
 *
 * @param items the items of this page, in creation order
 * @param nextToken present when more items may follow: pass it back to get the next page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {
    public Page {
        items = List.copyOf(items);
    }
}
