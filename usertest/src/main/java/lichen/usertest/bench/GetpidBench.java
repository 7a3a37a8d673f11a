package lichen.usertest.bench;

import lichen.usertest.sys.Linux;

/** getpid(2): the cheapest system call there is, so its time is the cost of entering and leaving the kernel. */
final class GetpidBench {
    private GetpidBench() {}

    static boolean run(String name) {
        return Measurement.report(name, "op", 1, rounds -> {
            for (long i = 0; i < rounds; i++) {
                Linux.getpid();
            }
            return null;
        });
    }
}
