package lichen.jcc.check;

import lichen.jcc.world.Reachability;
import lichen.jcc.world.World;

import java.nio.file.Path;
import java.util.List;

/** The subset rules of docs/subset.md, checked on the bytecode of every reachable method. */
public final class SubsetChecker {
    private SubsetChecker() {}

    public static void check(World world, Reachability reach, List<Path> roots) {
        // Filled in by the checker's own change; reachability already rejects classes the runtime does not provide.
    }
}
