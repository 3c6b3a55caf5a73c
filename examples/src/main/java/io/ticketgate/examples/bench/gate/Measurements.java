package io.ticketgate.examples.bench.gate;

import io.ticketgate.examples.bench.Median;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every value measured, by figure, column and round, so that a column is compared with the
 * baseline of the same round: a slow spell of the shared machine moves both.
 */
final class Measurements {

    private final Map<Figure, Map<String, Map<Integer, Double>>> values = new EnumMap<>(Figure.class);

    void add(Figure figure, Column column, int round, double value) {
        values.computeIfAbsent(figure, f -> new HashMap<>()).computeIfAbsent(column.name(), c -> new HashMap<>())
                .put(round, value);
    }

    /** The column's values, one a round, in round order; empty if it has none. */
    List<Double> of(Figure figure, Column column) {
        Map<Integer, Double> byRound = values.getOrDefault(figure, Map.of()).getOrDefault(column.name(), Map.of());
        return byRound.keySet().stream().sorted().map(byRound::get).toList();
    }

    /** The median over rounds of {@code column / versus}, each round against the same round. */
    OptionalDouble ratio(Figure figure, Column column, Column versus) {
        Map<Integer, Double> mine = values.getOrDefault(figure, Map.of()).getOrDefault(column.name(), Map.of());
        Map<Integer, Double> theirs = values.getOrDefault(figure, Map.of()).getOrDefault(versus.name(), Map.of());
        List<Double> ratios = new ArrayList<>();
        mine.forEach((round, value) -> {
            Double base = theirs.get(round);
            if (base != null && base > 0) {
                ratios.add(value / base);
            }
        });
        return ratios.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Median.of(ratios));
    }
}
