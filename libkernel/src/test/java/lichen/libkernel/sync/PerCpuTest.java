package lichen.libkernel.sync;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PerCpuTest {
    @AfterEach
    void restore() { Cpus.install(new SimulatedCpus(1)); }

    @Test
    void eachCpuSeesItsOwnValue() {
        SimulatedCpus cpus = new SimulatedCpus(4);
        Cpus.install(cpus);
        PerCpu<long[]> counters = new PerCpu<>(cpu -> new long[] {cpu * 100});
        assertEquals(4, counters.cpus());
        for (int c = 0; c < 4; c++) {
            cpus.switchTo(c);
            counters.get()[0]++;
        }
        for (int c = 0; c < 4; c++) assertEquals(c * 100 + 1, counters.get(c)[0]);
        assertNotSame(counters.get(0), counters.get(1));
    }
}
