package lichen.jcc.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A user address may not reach Mem or Mmio (UserAddressRule): exact positions, and no false alarms. */
class UserAddressRuleTest {
    private static final String MESSAGE = "user memory is reached only through UserCopy (LDTR/STTR with an exception table), "
            + "so a bad pointer is EFAULT, not a kernel fault";

    @Test
    void aUserAddressPassedToMemIsRejectedAtTheCall() throws IOException {
        assertEquals(List.of("""
                Peek.java:5:20: error: a user address reaches Mem.load64: %s
                        return Mem.load64(user.raw() + 8);
                                   ^""".formatted(MESSAGE)), CheckedSources.diagnose("Peek", """
                import lichen.api.*;
                @Unsafe
                public class Peek {
                    static long peek(UA user) {
                        return Mem.load64(user.raw() + 8);
                    }
                }
                """));
    }

    @Test
    void theRuleFollowsLocalsArithmeticBranchesAndWords() throws IOException {
        assertEquals(List.of("""
                Poke.java:9:18: error: a user address reaches Mmio.write32: %s
                            Mmio.write32(at, 1);
                                 ^""".formatted(MESSAGE), """
                Poke.java:12:20: error: a user address reaches Mem.load8: %s
                        return Mem.load8(PA.of(v.raw()));
                                   ^""".formatted(MESSAGE)), CheckedSources.diagnose("Poke", """
                import lichen.api.*;
                @Unsafe
                public class Poke {
                    static int poke(UA user, long n, boolean far) {
                        long at = user.raw();
                        if (far) at += 4096;
                        for (long i = 0; i < n; i++) {
                            at = at & ~7L;
                            Mmio.write32(at, 1);
                        }
                        VA v = user.toVA();
                        return Mem.load8(PA.of(v.raw()));
                    }
                }
                """));
    }

    @Test
    void numbersDerivedWithoutTheAddressAndKernelAddressesPass() throws IOException {
        assertEquals(List.of(), CheckedSources.diagnose("Fine", """
                import lichen.api.*;
                @Unsafe
                public class Fine {
                    static long fine(UA user, long pa) {
                        long offset = user.pageOffset();
                        long ok = user.rangeOk(8) ? 1 : 0;
                        return Mem.load64(pa + offset) + ok;
                    }
                }
                """));
    }
}
