package dev.chatd.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The median of a run's repeats: the repeat whose key figure ({@link RunResult#key()}) is the
 * median, kept whole so that every figure in a table row comes from the same run. With an even
 * number of repeats the lower middle one is taken.
 *
 * @param median  the median repeat
 * @param repeats how many repeats there were
 * @param keyMin  the lowest key figure among them (null if none had one)
 * @param keyMax  the highest
 */
public record MedianRun(RunResult median, int repeats, Double keyMin, Double keyMax) {

    /** One median per server, kind and user count, in the order first met. */
    public static List<MedianRun> of(List<RunResult> results) {
        Map<RunId, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : results) groups.computeIfAbsent(r.id().anyRepeat(), k -> new ArrayList<>()).add(r);
        List<MedianRun> medians = new ArrayList<>();
        for (List<RunResult> group : groups.values()) medians.add(ofRepeats(group));
        return medians;
    }

    /** The median of the repeats of one run; repeats that could not measure the key figure are left out. */
    public static MedianRun ofRepeats(List<RunResult> repeats) {
        if (repeats.isEmpty()) throw new IllegalArgumentException("no repeats");
        List<RunResult> measured = new ArrayList<>();
        for (RunResult r : repeats) if (r.key() != null) measured.add(r);
        if (measured.isEmpty()) return new MedianRun(repeats.get(0), repeats.size(), null, null);
        measured.sort(Comparator.comparingDouble(RunResult::key));
        return new MedianRun(measured.get((measured.size() - 1) / 2), repeats.size(),
                measured.get(0).key(), measured.get(measured.size() - 1).key());
    }
}
