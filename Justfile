# Lichen's commands. `./just RECIPE` installs the tools first (scripts/setup.sh).

export JAVA_HOME := `scripts/java-home.sh`
export PATH := JAVA_HOME + "/bin:" + env_var('PATH')
export MAVEN_OPTS := "--sun-misc-unsafe-memory-access=allow"
mvn := "mvn -q -B"
# Every kernel image is these inputs compiled by jcc's kernel target; only the entry class and the output differ.
kernel_jcc := "jcc/bin/jcc --target kernel -T arch/aarch64/src/main/asm/kernel.ld"
kernel_inputs := "kernel/target/classes arch/aarch64/target/classes libkernel/target/classes fs/target/classes net/target/classes arch/aarch64/src/main/asm/boot.S arch/aarch64/src/main/asm/vectors.S arch/aarch64/src/main/asm/switch.S arch/aarch64/src/main/asm/user.S arch/aarch64/src/main/asm/usercopy.S"

# QEMU's interrupt controller for `run`: GICv2 or GICv3 (`just gic=3 run`).
gic := "2"

# List the recipes.
default:
    @just --list

# Build every module (jcc, its runtime, libkernel, fs, usertest) without running tests.
build:
    {{mvn}} install -DskipTests

# Lichen on QEMU virt (cortex-a72, 2 CPUs, 1 GiB), the image as its virtio-blk root, written through (ROOT=initrd: the image as a ramdisk instead), virtio-net with host port NET_PORT (8080) to the guest's 80: /init's shell, or INIT='cmd' runs it and powers off with its status.
run: kernel image
    GIC={{gic}} PERSIST=1 NET=1 scripts/run-lichen.sh

# The kernel: kernel, arch/aarch64 and libkernel compiled by jcc into build/kernel/Image (an arm64 Image).
kernel: build
    mkdir -p build/kernel
    {{kernel_jcc}} --main lichen.kernel.Kernel -o build/kernel/Image {{kernel_inputs}}

# The kernel's in-kernel tests on QEMU, with GICv2, GICv3, and GICv3 on -cpu max (which has PAN): PASS/FAIL lines, "N passed, N failed", the verdict as QEMU's exit status;
# then a kernel that panics on purpose: its message, backtrace, the other CPUs stopped, status 1.
test-kernel: build image
    mkdir -p build/kernel
    {{kernel_jcc}} --main lichen.kernel.selftest.SelfTest -o build/kernel/SelfTest {{kernel_inputs}}
    GIC=2 scripts/run-kernel-test.sh build/kernel/SelfTest
    GIC=3 scripts/run-kernel-test.sh build/kernel/SelfTest
    CPU=max GIC=3 scripts/run-kernel-test.sh build/kernel/SelfTest
    {{kernel_jcc}} --main lichen.kernel.selftest.PanicProbe -o build/kernel/PanicProbe {{kernel_inputs}}
    scripts/run-kernel-panic-test.sh build/kernel/PanicProbe

# Kernel figures: QEMU start to the kernel's entry and to power-off (host clock), task switches per second.
bench-kernel: kernel
    {{kernel_jcc}} --main lichen.kernel.bench.KernelBench -o build/kernel/KernelBench {{kernel_inputs}}
    scripts/bench-kernel.sh build/kernel/KernelBench build/kernel/Image

# User programs on Lichen against Linux (kpti=0), same QEMU and CPU count: boot to /init, system calls, fork, exec, pipes, files, page faults; a table of both and the ratio (docs/kernel.md).
bench-userspace: kernel image
    scripts/bench-userspace.sh

# Boot the kernel under gdb: QEMU waits at reset; gdb steps through the Java source (DWARF from jcc).
debug: kernel
    scripts/debug-kernel.sh

# The subset checks (docs/subset.md) on everything jcc compiles into the kernel (with the kernel target's rules) and usertest.
check: build
    jcc/bin/jcc check --target kernel libkernel/target/classes fs/target/classes net/target/classes arch/aarch64/target/classes kernel/target/classes
    jcc/bin/jcc check usertest/target/classes

# The kernel's unsafe surface: the @Unsafe classes and their line counts.
unsafe: build
    jcc/bin/jcc unsafe libkernel/target/classes arch/aarch64/target/classes kernel/target/classes fs/target/classes net/target/classes

# Everything CI runs.
test: test-unit check test-jcc test-kernel test-usertest-qemu smoke-image test-userspace-linux test-userspace test-session test-console test-pty-session test-persistence test-net

# JUnit 5 on the JVM: jcc, libkernel, fs.
test-unit:
    {{mvn}} install

# Differential tests: each corpus program on the JVM and, compiled by jcc, under qemu-aarch64.
test-jcc: build
    jcc/bin/jcc-corpus

# jcc's compile time and its code against clang -O2, as ratios.
bench-jcc: build
    jcc/bin/jcc-bench

# libkernel allocator and page-table operation rates on the JVM (figures, not assertions).
bench-libkernel: build
    java -cp libkernel/target/classes:jcc/api/target/classes lichen.libkernel.bench.AllocatorBench

# usertest, the in-guest system-call suite, compiled by jcc into build/usertest/usertest (a static AArch64 Linux executable).
usertest: build
    {{mvn}} -pl jcc/api,usertest compile
    mkdir -p build/usertest
    jcc/bin/jcc --target linux --main lichen.usertest.Main -o build/usertest/usertest usertest/target/classes

# usertest under qemu-user on this host (Linux answers, through qemu's syscall translation); its exit status is the verdict.
# --qemu-user skips the few tests qemu-user cannot pass (usertest/.../QemuUserGaps.java says why).
test-usertest-qemu: usertest
    qemu-aarch64 build/usertest/usertest --qemu-user

# The root-filesystem image build/rootfs.img (ext4, no root needed) from Debian's arm64 packages, with /bin/usertest (docs/image.md).
image: usertest musltest
    scripts/create-image.sh

# musltest/muslcheck.c against Debian's musl, static and dynamic, for the image (scripts/build-musltest.sh).
musltest: build
    scripts/build-musltest.sh

# The Alpine image build/rootfs-alpine.img from ALPINE_TARBALL=alpine-minirootfs-*-aarch64.tar.gz (or Alpine's mirror).
image-alpine:
    scripts/create-image.sh --alpine

# Lichen on the Alpine image (musl's loader and BusyBox): a shell, or INIT='cmd' as for run.
run-alpine: kernel image-alpine
    IMAGE=build/rootfs-alpine.img PERSIST=1 scripts/run-lichen.sh

# Debian's arm64 Linux (the oracle) on the image in QEMU: a shell on the console; INIT='cmd' runs it and powers off, exiting with its status.
run-linux: image
    PERSIST=1 scripts/run-linux.sh

# usertest on Debian's Linux: its PASS/FAIL lines and summary; the exit status is the verdict (image-selftest stands in if usertest is not built).
test-userspace-linux: usertest image
    INIT="$(if [ -f build/rootfs-tree/usr/bin/usertest ]; then echo /bin/usertest; else echo /usr/bin/image-selftest; fi)" scripts/run-linux.sh

# Writes on the virtio-blk root persist: a guest session on a copy of the image writes files and powers off; the host's e2fsck -fn is clean and debugfs reads them back.
test-persistence: kernel image
    scripts/test-persistence.sh

# The served page: Lichen with NET=1 configures eth0 with ifconfig/route, serves files with busybox httpd, and the host's curl fetches them through hostfwd (byte for byte; the large file's MB/s printed).
test-net: kernel image
    scripts/test-net.sh

# usertest on Lichen (the image as its virtio-blk root, as a snapshot): its PASS/FAIL lines and summary, the exit status the verdict; USERTEST='group ...' runs a part.
test-userspace: kernel usertest image
    INIT="/bin/usertest ${USERTEST:-}" scripts/run-lichen.sh

# docs/syscalls.md's table from the sources: SyscallTable's cases, SyscallNames, and the usertest tests that call each (usertest/.../tool/SyscallTableDoc).
syscall-doc:
    {{mvn}} -pl jcc/api,usertest compile
    java -cp usertest/target/classes:jcc/api/target/classes lichen.usertest.tool.SyscallTableDoc docs/syscalls.md

# One command on Debian's Linux and on Lichen, on the same image: the lines it printed must match (a diff when not).
oracle CMD: kernel image
    scripts/oracle.sh '{{CMD}}'

# The image's everyday tools (image/usr/bin/tool-session: coreutils, findutils, grep, sed, awk, gzip, tar, BusyBox, sh, bash) on Linux and on Lichen: the same lines.
test-session: kernel image
    scripts/oracle.sh /usr/bin/tool-session

# Sessions on a pseudo-terminal (a command with ^C, an interactive bash with job control) on Linux and on Lichen: the same lines.
test-pty-session: kernel image
    scripts/pty-session.sh

# A session typed at the console's shell (line editing, cat, read, stty -echo, ^C) on Linux and on Lichen: the same transcript.
test-console: kernel image
    scripts/console-session.sh linux > build/console-linux.txt
    scripts/console-session.sh lichen > build/console-lichen.txt
    diff -u --label linux --label lichen build/console-linux.txt build/console-lichen.txt && echo "test-console: the same $(wc -l < build/console-linux.txt) lines on Linux and Lichen"

# The image's programs (bash, busybox, ls, ps, strace, ...) under qemu-aarch64 -L on the unpacked tree, and every program's libraries present.
smoke-image: image
    scripts/smoke-image.sh

# net figures on the JVM: TCP throughput over simulated links (rate, delay, loss) in simulated time, and the host's rate through two stacks and the loopback.
bench-net:
    {{mvn}} -pl jcc/api,libkernel,fs,net compile
    java -cp net/target/classes:fs/target/classes:libkernel/target/classes:jcc/api/target/classes lichen.net.tool.NetBench

# fs figures on the JVM: read throughput of a 256 MiB file and path lookups on a 64-deep tree (ext4 image from mke2fs -d).
bench-fs:
    {{mvn}} -pl jcc/api,libkernel,fs compile
    java -cp fs/target/classes:libkernel/target/classes:jcc/api/target/classes lichen.fs.tool.FsBench
