package lichen.jcc.lower;

import java.util.ArrayList;
import java.util.List;

/**
 * How an exception thrown in a callee reaches this method's handlers
 * (javac's finally and try-with-resources handlers: docs/jcc.md,
 * "Exceptions"). A method with handlers links a record into the chain at
 * {@code @jcc.handlers} on entry and saves its registers with
 * {@code jcc_setjmp}; before each call it notes the instruction index. A
 * throw with no handler in its own method longjmps to the newest record
 * ({@code @jcc.throw}); the method lands in its landing pad, unlinks the
 * record, and sends the exception to the handler that covers the noted call,
 * or further up the chain. With no record left, the exception is uncaught.
 *
 * <p>Record layout: [0] the previous record, [8..176) the saved registers,
 * [184] the instruction index of the call in progress.
 */
final class Unwinding {
    private static final int BUFFER = 8, REGION = 184;

    private final MethodLowering l;
    private final FunctionBuilder fb;
    private final List<Integer> callSites = new ArrayList<>();
    private String record, unwound;

    Unwinding(MethodLowering l) {
        this.l = l;
        this.fb = l.fb;
        fb.volatileSlots = true;
    }

    /** At the start: link the record and save the registers; a second return from setjmp is an unwind. */
    void enter() {
        record = fb.slot("handler", "[24 x i64]");
        String previous = fb.def("load ptr, ptr @jcc.handlers");
        fb.emit("store volatile ptr " + previous + ", ptr " + record);
        fb.emit("store volatile i32 -1, ptr " + fb.offset(record, REGION));
        fb.emit("store ptr " + record + ", ptr @jcc.handlers");
        unwound = fb.def("call i64 @jcc_setjmp(ptr " + fb.offset(record, BUFFER) + ") #3");
        String thrown = fb.def("icmp ne i64 " + unwound + ", 0");
        String body = fb.label("body");
        fb.terminate("br i1 " + thrown + ", label %landing, label %" + body);
        fb.block(body);
    }

    /** Before a call: which instruction it is, so the landing pad knows which handlers cover it. */
    void beforeCall(int index) {
        boolean covered = l.covered(index);
        if (covered) callSites.add(index);
        fb.emit("store volatile i32 " + (covered ? index : -1) + ", ptr " + fb.offset(record, REGION));
    }

    /** Before a return or an unwind out of this method: unlink the record. */
    void leave() {
        String previous = fb.def("load volatile ptr, ptr " + record);
        fb.emit("store ptr " + previous + ", ptr @jcc.handlers");
    }

    /** The landing pad, after the body: unlink, then dispatch on the call that was in progress. */
    void landingPad() {
        fb.block("landing");
        leave();
        String exception = fb.def("inttoptr i64 " + unwound + " to ptr");
        String region = fb.def("load volatile i32, ptr " + fb.offset(record, REGION));
        StringBuilder sw = new StringBuilder("switch i32 " + region + ", label %rethrow [");
        for (int site : callSites) sw.append(" i32 ").append(site).append(", label %unwind.").append(site);
        fb.terminate(sw.append(" ]").toString());
        for (int site : callSites) {
            fb.block("unwind." + site);
            l.throwAt(exception, site);
        }
        fb.block("rethrow");
        fb.emit("call void @jcc.throw(ptr " + exception + ") #1");
        fb.terminate("unreachable");
    }
}
