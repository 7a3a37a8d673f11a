package lichen.jcc;

import lichen.jcc.world.JClass;
import lichen.jcc.world.MethodRef;
import lichen.jcc.world.World;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The roots of the closed world: the program's main method and the runtime's entry points. */
final class EntryPoints {
    /** The kernel's provider of the runtime's system calls (arch/aarch64). */
    static final String KERNEL_SERVICES = "lichen/arch/aarch64/KernelServices";
    static final String KERNEL_SYSCALL = "(JJJJJJJ)J";

    /** A Linux program's entry: the runtime's start and end around main. */
    static final String[][] LINUX_ROOTS = {
            {"lichen/rt/Start", "begin", "(J)V"},
            {"lichen/rt/Start", "arguments", "()[Ljava/lang/String;"},
            {"lichen/rt/Start", "end", "()V"},
            {"lichen/rt/FloatRemainder", "fmod", "(DD)D"},
    };

    /** The kernel's: the services that stand in for system calls. */
    static final String[][] KERNEL_ROOTS = {
            {KERNEL_SERVICES, "syscall", KERNEL_SYSCALL},
            {KERNEL_SERVICES, "boot", "(JJ)V"},
            {"lichen/arch/aarch64/Traps", "handle", "(JJ)V"},
            {"lichen/arch/aarch64/StackContinuations", "taskMain", "()V"},
            {"lichen/arch/aarch64/SecondaryCpus", "main", "(J)V"},
            {"lichen/rt/Start", "end", "()V"},
    };

    /** Runtime methods that compiled code calls without a call in any bytecode (docs/jcc-runtime.md). */
    static final String[][] RUNTIME_ROOTS = {
            {"lichen/rt/Heap", "allocate", "(J)J"},
            {"lichen/rt/Slabs", "allocate", "(JJ)J"},
            {"lichen/rt/Panic", "uncaught", "(Ljava/lang/Throwable;)V"},
            {"lichen/rt/Throw", "nullPointer", "()V"},
            {"lichen/rt/Throw", "arrayIndex", "(II)V"},
            {"lichen/rt/Throw", "classCast", "(Ljava/lang/Object;Ljava/lang/String;)V"},
            {"lichen/rt/Throw", "divideByZero", "()V"},
            {"lichen/rt/Throw", "negativeArraySize", "(I)V"},
            {"lichen/rt/Throw", "arrayStore", "(Ljava/lang/Object;)V"},
    };

    private EntryPoints() {}

    /** The kernel's entry: {@code static void start(long deviceTree, long freeMemory)} of the --main class. */
    static MethodRef findKernelStart(World world, String requested) {
        if (requested == null) throw new CompileError("--target kernel needs --main CLASS (the class with start(long, long))");
        JClass c = world.get(requested.replace('.', '/'));
        MethodNode m = c.method("start", "(JJ)V");
        if (m == null || (m.access & Opcodes.ACC_STATIC) == 0) throw new CompileError(requested + " has no static void start(long, long)");
        return new MethodRef(c, m);
    }

    static MethodRef findMain(World world, List<Path> roots, String requested) {
        if (requested != null) {
            JClass c = world.get(requested.replace('.', '/'));
            MethodNode m = c.method("main", "([Ljava/lang/String;)V");
            if (m == null || (m.access & Opcodes.ACC_STATIC) == 0) {
                throw new CompileError(requested + " has no static void main(String[])");
            }
            return new MethodRef(c, m);
        }
        List<String> candidates = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!f.toString().endsWith(".class")) continue;
                    ClassNode n = new ClassNode();
                    new ClassReader(Files.readAllBytes(f)).accept(n, ClassReader.SKIP_CODE);
                    for (MethodNode m : n.methods) {
                        if (m.name.equals("main") && m.desc.equals("([Ljava/lang/String;)V") && (m.access & Opcodes.ACC_STATIC) != 0) {
                            candidates.add(n.name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (candidates.isEmpty()) throw new CompileError("no class has static void main(String[]); name one with --main");
        if (candidates.size() > 1) {
            throw new CompileError("more than one main: " + String.join(", ", candidates).replace('/', '.') + "; choose with --main");
        }
        JClass c = world.get(candidates.getFirst());
        return new MethodRef(c, c.method("main", "([Ljava/lang/String;)V"));
    }
}
