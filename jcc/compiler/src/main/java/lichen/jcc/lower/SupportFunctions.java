package lichen.jcc.lower;

/**
 * The few functions that compiled code calls and that are clearer in IR than
 * in Java: allocation (over the runtime's Heap.allocate), type tests on
 * descriptors, interface dispatch, clone, and the backtrace walk over frame
 * pointers (every function keeps x29; a frame record is [previous x29, x30]).
 * Descriptor offsets are those of {@link lichen.jcc.layout.Layout}.
 */
final class SupportFunctions {
    private SupportFunctions() {}

    static String text(String allocate, String uncaught) {
        return """
                @jcc.noInterfaces = private constant [1 x ptr] [ptr null]

                ; The newest record of a method with exception handlers (lower/Unwinding), or null. It
                ; belongs to the stack it describes, so the kernel's task switch (switch.S) saves it.
                @jcc.handlers = global ptr null

                ; A throw that no handler of its own method takes: back to the newest method with
                ; handlers, or, with none left, the end of the program.
                define internal void @jcc.throw(ptr %e) #0 {
                entry:
                  %h = load ptr, ptr @jcc.handlers
                  %none = icmp eq ptr %h, null
                  br i1 %none, label %uncaught, label %unwind
                unwind:
                  %buf = getelementptr i8, ptr %h, i64 8
                  %v = ptrtoint ptr %e to i64
                  call void @jcc_longjmp(ptr %buf, i64 %v)
                  unreachable
                uncaught:
                  call void UNCAUGHT(ptr %e)
                  unreachable
                }

                declare i64 @jcc_setjmp(ptr) returns_twice nounwind
                declare void @jcc_longjmp(ptr, i64) noreturn nounwind
                @jcc.nullHolder = private constant ptr @"desc:java/lang/Object"

                define internal ptr @jcc.newObject(ptr %desc, i64 %size) #0 {
                  %a = call i64 ALLOCATE(i64 %size)
                  %p = inttoptr i64 %a to ptr
                  store ptr %desc, ptr %p
                  ret ptr %p
                }

                define internal ptr @jcc.newArray(ptr %desc, i32 %len) #0 {
                  %esp = getelementptr i8, ptr %desc, i64 16
                  %es = load i64, ptr %esp
                  %n = zext i32 %len to i64
                  %bytes = mul i64 %n, %es
                  %total = add i64 %bytes, 16
                  %a = call i64 ALLOCATE(i64 %total)
                  %p = inttoptr i64 %a to ptr
                  store ptr %desc, ptr %p
                  %lp = getelementptr i8, ptr %p, i64 8
                  store i32 %len, ptr %lp
                  ret ptr %p
                }

                define internal ptr @jcc.multiNewArray(ptr %desc, i32 %dims, ptr %lengths) #0 {
                entry:
                  %len = load i32, ptr %lengths
                  %arr = call ptr @jcc.newArray(ptr %desc, i32 %len)
                  %more = icmp sgt i32 %dims, 1
                  br i1 %more, label %fill, label %done
                fill:
                  %cp = getelementptr i8, ptr %desc, i64 40
                  %comp = load ptr, ptr %cp
                  %rest = getelementptr i32, ptr %lengths, i64 1
                  %d1 = sub i32 %dims, 1
                  %data = getelementptr i8, ptr %arr, i64 16
                  br label %loop
                loop:
                  %i = phi i32 [ 0, %fill ], [ %i1, %body ]
                  %c = icmp slt i32 %i, %len
                  br i1 %c, label %body, label %done
                body:
                  %e = call ptr @jcc.multiNewArray(ptr %comp, i32 %d1, ptr %rest)
                  %iw = zext i32 %i to i64
                  %slot = getelementptr ptr, ptr %data, i64 %iw
                  store ptr %e, ptr %slot
                  %i1 = add i32 %i, 1
                  br label %loop
                done:
                  ret ptr %arr
                }

                define internal ptr @jcc.clone(ptr %o) #0 {
                entry:
                  %desc = load ptr, ptr %o
                  %kp = getelementptr i8, ptr %desc, i64 48
                  %kind = load i32, ptr %kp
                  %sp = getelementptr i8, ptr %desc, i64 16
                  %es = load i64, ptr %sp
                  %isArray = icmp uge i32 %kind, 2
                  br i1 %isArray, label %array, label %copy
                array:
                  %lp = getelementptr i8, ptr %o, i64 8
                  %len = load i32, ptr %lp
                  %n = zext i32 %len to i64
                  %bytes = mul i64 %n, %es
                  %total = add i64 %bytes, 16
                  br label %copy
                copy:
                  %size = phi i64 [ %es, %entry ], [ %total, %array ]
                  %a = call i64 ALLOCATE(i64 %size)
                  %p = inttoptr i64 %a to ptr
                  call void @llvm.memcpy.p0.p0.i64(ptr %p, ptr %o, i64 %size, i1 false)
                  ret ptr %p
                }

                ; Whether class (or array type) S is a subtype of T (JVMS 6.5 checkcast's rules).
                define internal i1 @jcc.isSubtype(ptr %s, ptr %t) #0 {
                entry:
                  %same = icmp eq ptr %s, %t
                  br i1 %same, label %yes, label %differ
                differ:
                  %tkp = getelementptr i8, ptr %t, i64 48
                  %tk = load i32, ptr %tkp
                  %skp = getelementptr i8, ptr %s, i64 48
                  %sk = load i32, ptr %skp
                  %isObject = icmp eq ptr %t, @"desc:java/lang/Object"
                  br i1 %isObject, label %yes, label %notObject
                notObject:
                  switch i32 %tk, label %no [ i32 0, label %class
                                              i32 1, label %interface
                                              i32 3, label %refArray ]
                class:
                  %sIsArray = icmp uge i32 %sk, 2
                  br i1 %sIsArray, label %no, label %range
                range:
                  %sidp = getelementptr i8, ptr %s, i64 8
                  %sid = load i32, ptr %sidp
                  %tidp = getelementptr i8, ptr %t, i64 8
                  %tid = load i32, ptr %tidp
                  %tlp = getelementptr i8, ptr %t, i64 12
                  %tlast = load i32, ptr %tlp
                  %lo = icmp sge i32 %sid, %tid
                  %hi = icmp sle i32 %sid, %tlast
                  %in = and i1 %lo, %hi
                  ret i1 %in
                interface:
                  %ip = getelementptr i8, ptr %s, i64 24
                  %list = load ptr, ptr %ip
                  br label %scan
                scan:
                  %k = phi i64 [ 0, %interface ], [ %k1, %next ]
                  %ep = getelementptr ptr, ptr %list, i64 %k
                  %e = load ptr, ptr %ep
                  %end = icmp eq ptr %e, null
                  br i1 %end, label %no, label %test
                test:
                  %hit = icmp eq ptr %e, %t
                  br i1 %hit, label %yes, label %next
                next:
                  %k1 = add i64 %k, 1
                  br label %scan
                refArray:
                  %sIsRefArray = icmp eq i32 %sk, 3
                  br i1 %sIsRefArray, label %components, label %no
                components:
                  %scp = getelementptr i8, ptr %s, i64 40
                  %sc = load ptr, ptr %scp
                  %tcp = getelementptr i8, ptr %t, i64 40
                  %tc = load ptr, ptr %tcp
                  %r = call i1 @jcc.isSubtype(ptr %sc, ptr %tc)
                  ret i1 %r
                yes:
                  ret i1 true
                no:
                  ret i1 false
                }

                ; The method table of interface I in a class descriptor's itable ([I, table]* null).
                define internal ptr @jcc.itable(ptr %desc, ptr %iface) #0 {
                entry:
                  %ip = getelementptr i8, ptr %desc, i64 32
                  %it = load ptr, ptr %ip
                  br label %scan
                scan:
                  %k = phi i64 [ 0, %entry ], [ %k2, %next ]
                  %ep = getelementptr ptr, ptr %it, i64 %k
                  %e = load ptr, ptr %ep
                  %hit = icmp eq ptr %e, %iface
                  br i1 %hit, label %found, label %next
                next:
                  %k2 = add i64 %k, 2
                  br label %scan
                found:
                  %k1 = add i64 %k, 1
                  %tp = getelementptr ptr, ptr %it, i64 %k1
                  %t = load ptr, ptr %tp
                  ret ptr %t
                }

                ; aastore: may this value go into this array (JVMS 6.5 aastore)?
                define internal i1 @jcc.storeCheck(ptr %array, ptr %value) #0 {
                entry:
                  %isNull = icmp eq ptr %value, null
                  br i1 %isNull, label %yes, label %check
                check:
                  %ad = load ptr, ptr %array
                  %cp = getelementptr i8, ptr %ad, i64 40
                  %comp = load ptr, ptr %cp
                  %vd = load ptr, ptr %value
                  %r = call i1 @jcc.isSubtype(ptr %vd, ptr %comp)
                  ret i1 %r
                yes:
                  ret i1 true
                }

                ; Return addresses of the active frames, innermost first, into a long[].
                define internal i32 @jcc.backtrace(ptr %out) #0 {
                entry:
                  %lp = getelementptr i8, ptr %out, i64 8
                  %cap = load i32, ptr %lp
                  %data = getelementptr i8, ptr %out, i64 16
                  %fp0 = call ptr @llvm.frameaddress.p0(i32 0)
                  br label %walk
                walk:
                  %n = phi i32 [ 0, %entry ], [ %n1, %record ]
                  %fp = phi ptr [ %fp0, %entry ], [ %up, %record ]
                  %done = icmp eq ptr %fp, null
                  %full = icmp sge i32 %n, %cap
                  %stop = or i1 %done, %full
                  br i1 %stop, label %exit, label %step
                step:
                  ; The outermost record (saved fp 0, as _start, boot.S and lichen_task_start leave it) returns
                  ; into entry code, not Java: a tail call can leave it right under a Java frame.
                  %up = load ptr, ptr %fp
                  %outermost = icmp eq ptr %up, null
                  br i1 %outermost, label %exit, label %record
                record:
                  %rap = getelementptr i8, ptr %fp, i64 8
                  %ra = load i64, ptr %rap
                  %nw = zext i32 %n to i64
                  %slot = getelementptr i64, ptr %data, i64 %nw
                  store i64 %ra, ptr %slot
                  %n1 = add i32 %n, 1
                  br label %walk
                exit:
                  ret i32 %n
                }

                ; The "Class.method(File.java)" of the function that contains a return address: the
                ; nearest function start at or below it, from @jcc.frames. The call is the instruction
                ; before the return address (after a call that never returns, the return address is
                ; already the next function's first instruction).
                define internal ptr @jcc.describeFrame(i64 %returnAddress) #0 {
                entry:
                  %ra = sub i64 %returnAddress, 4
                  %count = load i32, ptr @jcc.frameCount
                  br label %scan
                scan:
                  %i = phi i32 [ 0, %entry ], [ %i1, %next ]
                  %best = phi ptr [ null, %entry ], [ %best1, %next ]
                  %bestAt = phi i64 [ 0, %entry ], [ %bestAt1, %next ]
                  %end = icmp sge i32 %i, %count
                  br i1 %end, label %exit, label %body
                body:
                  %iw = zext i32 %i to i64
                  %fnp = getelementptr [2 x ptr], ptr @jcc.frames, i64 %iw, i64 0
                  %fn = load ptr, ptr %fnp
                  %at = ptrtoint ptr %fn to i64
                  %np = getelementptr [2 x ptr], ptr @jcc.frames, i64 %iw, i64 1
                  %name = load ptr, ptr %np
                  %below = icmp ule i64 %at, %ra
                  %closer = icmp ugt i64 %at, %bestAt
                  %better = and i1 %below, %closer
                  %best1 = select i1 %better, ptr %name, ptr %best
                  %bestAt1 = select i1 %better, i64 %at, i64 %bestAt
                  br label %next
                next:
                  %i1 = add i32 %i, 1
                  br label %scan
                exit:
                  ret ptr %best
                }

                ; The C library's memory functions, which LLVM calls for large or variable copies. Word-at-a-time
                ; when both ends are 8-byte aligned, else bytewise; "no-builtins" keeps LLVM from turning the
                ; loops back into calls of themselves.
                define ptr @memcpy(ptr %d, ptr %s, i64 %n) #2 {
                  call void @jcc.copyForward(ptr %d, ptr %s, i64 %n)
                  ret ptr %d
                }

                define ptr @memmove(ptr %d, ptr %s, i64 %n) #2 {
                entry:
                  %di = ptrtoint ptr %d to i64
                  %si = ptrtoint ptr %s to i64
                  %gap = sub i64 %di, %si
                  %overlaps = icmp ult i64 %gap, %n
                  br i1 %overlaps, label %backward, label %forward
                forward:
                  call void @jcc.copyForward(ptr %d, ptr %s, i64 %n)
                  ret ptr %d
                backward:
                  %i = phi i64 [ %n, %entry ], [ %i1, %step ]
                  %more = icmp ugt i64 %i, 0
                  br i1 %more, label %step, label %done
                step:
                  %i1 = sub i64 %i, 1
                  %sp = getelementptr i8, ptr %s, i64 %i1
                  %b = load i8, ptr %sp
                  %dp = getelementptr i8, ptr %d, i64 %i1
                  store i8 %b, ptr %dp
                  br label %backward
                done:
                  ret ptr %d
                }

                define internal void @jcc.copyForward(ptr %d, ptr %s, i64 %n) #2 {
                entry:
                  %di = ptrtoint ptr %d to i64
                  %si = ptrtoint ptr %s to i64
                  %both = or i64 %di, %si
                  %low = and i64 %both, 7
                  %aligned = icmp eq i64 %low, 0
                  %words = lshr i64 %n, 3
                  %w = select i1 %aligned, i64 %words, i64 0
                  br label %wloop
                wloop:
                  %k = phi i64 [ 0, %entry ], [ %k1, %wstep ]
                  %wmore = icmp ult i64 %k, %w
                  br i1 %wmore, label %wstep, label %bytes
                wstep:
                  %wsp = getelementptr i64, ptr %s, i64 %k
                  %wv = load i64, ptr %wsp
                  %wdp = getelementptr i64, ptr %d, i64 %k
                  store i64 %wv, ptr %wdp
                  %k1 = add i64 %k, 1
                  br label %wloop
                bytes:
                  %start = shl i64 %w, 3
                  br label %bloop
                bloop:
                  %i = phi i64 [ %start, %bytes ], [ %i1, %bstep ]
                  %bmore = icmp ult i64 %i, %n
                  br i1 %bmore, label %bstep, label %done
                bstep:
                  %sp = getelementptr i8, ptr %s, i64 %i
                  %b = load i8, ptr %sp
                  %dp = getelementptr i8, ptr %d, i64 %i
                  store i8 %b, ptr %dp
                  %i1 = add i64 %i, 1
                  br label %bloop
                done:
                  ret void
                }

                ; Word-at-a-time when the destination is 8-byte aligned (a page cleared for a fault is 512
                ; stores, not 4096), then the tail bytewise. The word loop is unrolled 32 times (!4): 16 STPs
                ; a turn, so under TCG a page costs 16 turns of loop overhead instead of 128 (0.3 us of a
                ; page fault's 5; DC ZVA, a helper call each 64 bytes under TCG, is slower still).
                define ptr @memset(ptr %d, i32 %c, i64 %n) #2 {
                entry:
                  %b = trunc i32 %c to i8
                  %di = ptrtoint ptr %d to i64
                  %low = and i64 %di, 7
                  %aligned = icmp eq i64 %low, 0
                  %words = lshr i64 %n, 3
                  %w = select i1 %aligned, i64 %words, i64 0
                  %bw = zext i8 %b to i64
                  %pattern = mul i64 %bw, 72340172838076673
                  br label %wloop
                wloop:
                  %k = phi i64 [ 0, %entry ], [ %k1, %wstep ]
                  %wmore = icmp ult i64 %k, %w
                  br i1 %wmore, label %wstep, label %bytes
                wstep:
                  %wdp = getelementptr i64, ptr %d, i64 %k
                  store i64 %pattern, ptr %wdp
                  %k1 = add i64 %k, 1
                  br label %wloop, !llvm.loop !4
                bytes:
                  %start = shl i64 %w, 3
                  br label %loop
                loop:
                  %i = phi i64 [ %start, %bytes ], [ %i1, %step ]
                  %more = icmp ult i64 %i, %n
                  br i1 %more, label %step, label %done
                step:
                  %dp = getelementptr i8, ptr %d, i64 %i
                  store i8 %b, ptr %dp
                  %i1 = add i64 %i, 1
                  br label %loop
                done:
                  ret ptr %d
                }

                ; The line of the call before a return address: a binary search of the line table that
                ; the link pass fills in (backend/LineTable) for the greatest address at or below it.
                @jcc.lineCount = external global i32
                @jcc.lineAddresses = external global [0 x i64]
                @jcc.lineNumbers = external global [0 x i32]

                define internal i32 @jcc.frameLine(i64 %returnAddress) #0 {
                entry:
                  %ra = sub i64 %returnAddress, 4
                  %n = load i32, ptr @jcc.lineCount
                  br label %search
                search:
                  %lo = phi i32 [ 0, %entry ], [ %lo1, %step ]
                  %hi = phi i32 [ %n, %entry ], [ %hi1, %step ]
                  %open = icmp slt i32 %lo, %hi
                  br i1 %open, label %step, label %found
                step:
                  %sum = add i32 %lo, %hi
                  %mid = lshr i32 %sum, 1
                  %mw = zext i32 %mid to i64
                  %ap = getelementptr i64, ptr @jcc.lineAddresses, i64 %mw
                  %a = load i64, ptr %ap
                  %le = icmp ule i64 %a, %ra
                  %mid1 = add i32 %mid, 1
                  %lo1 = select i1 %le, i32 %mid1, i32 %lo
                  %hi1 = select i1 %le, i32 %hi, i32 %mid
                  br label %search
                found:
                  %none = icmp eq i32 %lo, 0
                  br i1 %none, label %unknown, label %known
                known:
                  %k = sub i32 %lo, 1
                  %kw = zext i32 %k to i64
                  %lp = getelementptr i32, ptr @jcc.lineNumbers, i64 %kw
                  %line = load i32, ptr %lp
                  ret i32 %line
                unknown:
                  ret i32 0
                }

                declare i32 @llvm.fptosi.sat.i32.f32(float)
                declare i64 @llvm.fptosi.sat.i64.f32(float)
                declare i32 @llvm.fptosi.sat.i32.f64(double)
                declare i64 @llvm.fptosi.sat.i64.f64(double)
                declare double @llvm.sqrt.f64(double)
                declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
                declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
                declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
                declare ptr @llvm.frameaddress.p0(i32)

                attributes #0 = { nounwind "frame-pointer"="all" }
                attributes #1 = { cold noreturn nounwind }
                attributes #2 = { nounwind "no-builtins" "frame-pointer"="all" }
                attributes #3 = { returns_twice }
                attributes #4 = { nounwind "frame-pointer"="all" "target-features"="+fp-armv8,+neon" }
                !0 = !{!"branch_weights", i32 1, i32 2000}
                !3 = !{}
                !4 = distinct !{!4, !5}
                !5 = !{!"llvm.loop.unroll.count", i32 32}
                """.replace("ALLOCATE", allocate).replace("UNCAUGHT", uncaught);
    }
}
