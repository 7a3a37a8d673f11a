package lichen.jcc.lower;

import lichen.jcc.CompileError;
import lichen.jcc.image.ImageHeap;
import lichen.jcc.layout.Layout;
import lichen.jcc.world.*;

import java.util.Set;
import java.util.TreeSet;

/**
 * What every method's lowering shares: the world, its layout and
 * reachability, the image heap (string literals, frozen statics), and the
 * record of the descriptors and static fields the code refers to, which the
 * module writer then defines.
 */
public final class ModuleContext {
    public final World world;
    public final Reachability reach;
    public final Layout layout;
    public final ImageHeap strings;
    final DebugInfo debug = new DebugInfo();
    private final Set<String> descriptors = new TreeSet<>();
    private final Set<String> staticFields = new TreeSet<>();

    public final lichen.jcc.Options.Target target;

    public ModuleContext(World world, Reachability reach, Layout layout, ImageHeap heap, lichen.jcc.Options.Target target) {
        this.target = target;
        this.world = world;
        this.reach = reach;
        this.layout = layout;
        this.strings = heap;
    }

    /** The symbol of a method that must be in the image. */
    public String function(MethodRef m) {
        if (!reach.isReachable(m)) throw new CompileError("internal: call of unreachable " + m.symbol());
        if (m.isNative()) throw new CompileError("native method " + m.owner().name().replace('/', '.') + "." + m.name()
                + " is not provided by jcc (see docs/subset.md)");
        if (m.isAbstract()) throw new CompileError("internal: direct call of abstract " + m.symbol());
        return IrTypes.global(m.symbol());
    }

    /** A runtime entry point (lichen/rt/...), a root of reachability. */
    public String runtime(String owner, String name, String desc) {
        return function(world.resolveMethod(owner, name, desc));
    }

    /** The class descriptor of a class or array type ("java/lang/String", "[I"). */
    public String descriptor(String type) {
        descriptors.add(type);
        return IrTypes.descriptor(type);
    }

    public Set<String> requestedDescriptors() { return descriptors; }

    /** The global of a static field, named after the class that declares it. */
    public String staticField(String owner, String name) {
        JClass declaring = world.resolveFieldOwner(owner, name);
        staticFields.add(declaring.name() + "." + name);
        return IrTypes.staticField(declaring.name(), name);
    }

    public Set<String> usedStaticFields() { return staticFields; }
}
