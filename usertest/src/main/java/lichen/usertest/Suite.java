package lichen.usertest;

import lichen.usertest.tests.ChrootTests;
import lichen.usertest.tests.CloneTests;
import lichen.usertest.tests.CopyTests;
import lichen.usertest.tests.CpuTimeTests;
import lichen.usertest.tests.LockTests;
import lichen.usertest.tests.VectorTests;
import lichen.usertest.tests.DescriptorTests;
import lichen.usertest.tests.DirectoryTests;
import lichen.usertest.tests.EpollTests;
import lichen.usertest.tests.EventfdTests;
import lichen.usertest.tests.ExecTests;
import lichen.usertest.tests.ExecThreadTests;
import lichen.usertest.tests.ExecveatTests;
import lichen.usertest.tests.FileMappingTests;
import lichen.usertest.tests.FileTests;
import lichen.usertest.tests.FutexRequeueTests;
import lichen.usertest.tests.FutexTests;
import lichen.usertest.tests.MemoryFaultTests;
import lichen.usertest.tests.MemoryTests;
import lichen.usertest.tests.NameTests;
import lichen.usertest.tests.PipeTests;
import lichen.usertest.tests.PollTests;
import lichen.usertest.tests.ProcessGroupTests;
import lichen.usertest.tests.ProcTests;
import lichen.usertest.tests.ProcessTests;
import lichen.usertest.tests.ProcessVmTests;
import lichen.usertest.tests.PtraceEventTests;
import lichen.usertest.tests.PtraceTests;
import lichen.usertest.tests.FaultSignalTests;
import lichen.usertest.tests.FifoTests;
import lichen.usertest.tests.SignalTests;
import lichen.usertest.tests.SmpTests;
import lichen.usertest.tests.SignalWaitTests;
import lichen.usertest.tests.StackGrowthTests;
import lichen.usertest.tests.RealTimeSignalTests;
import lichen.usertest.tests.SignalfdTests;
import lichen.usertest.tests.StopTests;
import lichen.usertest.tests.SystemTests;
import lichen.usertest.tests.ThreadTests;
import lichen.usertest.tests.PtyTests;
import lichen.usertest.tests.ControllingTerminalTests;
import lichen.usertest.tests.ThreadSignalTests;
import lichen.usertest.tests.TimerTests;
import lichen.usertest.tests.TimeTests;
import lichen.usertest.tests.WaitTests;

/**
 * Every test, in the order they run, in its group ({@code usertest GROUP}
 * runs one). A new test class registers here, under the group it belongs to.
 */
public final class Suite {
    private Suite() {}

    public static TestList all() {
        TestList list = new TestList();
        list.beginGroup("file");
        FileTests.register(list);
        CopyTests.register(list);
        VectorTests.register(list);
        list.beginGroup("lock");
        LockTests.register(list);
        list.beginGroup("descriptor");
        DescriptorTests.register(list);
        list.beginGroup("directory");
        DirectoryTests.register(list);
        ChrootTests.register(list);
        list.beginGroup("name");
        NameTests.register(list);
        list.beginGroup("pipe");
        PipeTests.register(list);
        FifoTests.register(list);
        list.beginGroup("poll");
        PollTests.register(list);
        list.beginGroup("epoll");
        EpollTests.register(list);
        EventfdTests.register(list);
        TimerTests.register(list);
        SignalfdTests.register(list);
        list.beginGroup("process");
        ProcessTests.register(list);
        WaitTests.register(list);
        CloneTests.register(list);
        ThreadTests.register(list);
        SmpTests.register(list);
        ProcessGroupTests.register(list);
        list.beginGroup("exec");
        ExecTests.register(list);
        ExecThreadTests.register(list);
        ExecveatTests.register(list);
        list.beginGroup("signal");
        SignalTests.register(list);
        FaultSignalTests.register(list);
        ThreadSignalTests.register(list);
        SignalWaitTests.register(list);
        RealTimeSignalTests.register(list);
        list.beginGroup("jobcontrol");
        StopTests.register(list);
        list.beginGroup("ptrace");
        PtraceTests.register(list);
        PtraceEventTests.register(list);
        ProcessVmTests.register(list);
        list.beginGroup("futex");
        FutexTests.register(list);
        FutexRequeueTests.register(list);
        list.beginGroup("memory");
        MemoryTests.register(list);
        MemoryFaultTests.register(list);
        StackGrowthTests.register(list);
        FileMappingTests.register(list);
        list.beginGroup("tty");
        PtyTests.register(list);
        ControllingTerminalTests.register(list);
        list.beginGroup("time");
        TimeTests.register(list);
        list.beginGroup("system");
        SystemTests.register(list);
        list.beginGroup("proc");
        ProcTests.register(list);
        CpuTimeTests.register(list);
        return list;
    }
}
