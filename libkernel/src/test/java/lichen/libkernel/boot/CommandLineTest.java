package lichen.libkernel.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void rootNamesTheRootDeviceAndIsNotPassedToInit() {
        CommandLine c = CommandLine.parse("console=ttyAMA0 root=/dev/vda rw init=/init -- sh");
        assertEquals("/dev/vda", c.root());
        assertArrayEquals(new String[] {"/init", "sh"}, c.argv());
        assertEquals(null, CommandLine.parse("console=ttyAMA0").root());
    }

    @Test
    void wordsAfterTheSeparatorAreInitsArguments() {
        CommandLine c = CommandLine.parse("console=ttyAMA0 init=/init -- echo a  b");
        assertEquals("/init", c.init());
        assertArrayEquals(new String[] {"/init", "echo", "a", "b"}, c.argv());
    }

    @Test
    void withoutInitTheFirstProgramIsSlashInit() {
        CommandLine c = CommandLine.parse("console=ttyAMA0 quiet");
        assertEquals("/init", c.init());
        assertArrayEquals(new String[] {"/init"}, c.argv());
        assertArrayEquals(new String[] {"HOME=/", "TERM=linux"}, c.envp());
    }

    @Test
    void unknownParametersGoToInitsEnvironmentOrArguments() {
        CommandLine c = CommandLine.parse("rw LANG=C single virtio.debug=1 -- x=y");
        assertArrayEquals(new String[] {"/init", "single", "x=y"}, c.argv());
        assertArrayEquals(new String[] {"HOME=/", "TERM=linux", "LANG=C"}, c.envp());
    }

    @Test
    void initNamesTheProgram() {
        CommandLine c = CommandLine.parse("init=/bin/sh");
        assertEquals("/bin/sh", c.init());
        assertArrayEquals(new String[] {"/bin/sh"}, c.argv());
    }

    @Test
    void anEmptyOrMissingLineGivesTheDefaults() {
        assertArrayEquals(new String[] {"/init"}, CommandLine.parse(null).argv());
        assertArrayEquals(new String[] {"/init"}, CommandLine.parse("   ").argv());
    }
}
