# Lichen's commands. `./just RECIPE` installs the tools first (scripts/setup.sh).

export JAVA_HOME := `scripts/java-home.sh`
export PATH := JAVA_HOME + "/bin:" + env_var('PATH')
export MAVEN_OPTS := "--sun-misc-unsafe-memory-access=allow"
mvn := "mvn -q -B"

# List the recipes.
default:
    @just --list

# Build every module (jcc, its runtime, libkernel, fs, usertest) without running tests.
build:
    {{mvn}} install -DskipTests

# Everything CI runs.
test: test-unit test-jcc

# JUnit 5 on the JVM: jcc, libkernel, fs.
test-unit:
    {{mvn}} install

# Differential tests: each corpus program on the JVM and, compiled by jcc, under qemu-aarch64.
test-jcc: build
    jcc/bin/jcc-corpus

# jcc's compile time and its code against clang -O2, as ratios.
bench-jcc: build
    jcc/bin/jcc-bench
