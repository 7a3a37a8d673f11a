package lichen.jcc;

import lichen.jcc.image.ImageHeap;
import lichen.jcc.layout.Layout;
import lichen.jcc.world.MethodRef;
import lichen.jcc.world.Reachability;
import lichen.jcc.world.World;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The state that the passes of the {@link Pipeline} hand on to each other. */
public final class Compilation {
    public final Options options;
    public final List<Path> programRoots = new ArrayList<>();
    /** The program's own classes (the inputs), which the subset checker reads; -cp entries are not checked. */
    public final List<Path> programClassRoots = new ArrayList<>();
    /** The .java files jcc compiled itself, for diagnostics. */
    public final List<Path> sources = new ArrayList<>();
    public World world;
    public ImageHeap heap;
    public Reachability reach;
    public MethodRef main;
    public Layout layout;
    public String ir;
    public LLVMModuleRef module;
    public Path object;
    /** The image the link pass wrote. */
    public Path image;

    public Compilation(Options options) { this.options = options; }
}
