package lichen.kernel.selftest;

import lichen.api.Async;
import lichen.arch.aarch64.Timer;
import lichen.kernel.dev.virtio.VirtioDevices;
import lichen.kernel.dev.virtio.VirtioNet;
import lichen.kernel.task.KernelExecutor;
import lichen.libkernel.async.Executor;

/**
 * virtio-net's device layer on QEMU's user-mode network (the harness gives
 * {@code -netdev user}): the MAC from the configuration space is QEMU's
 * default, and an ARP request for the gateway 10.0.2.2 (RFC 826), sent as a
 * frame, brings back a frame that is the gateway's ARP reply.
 */
final class VirtioNetTests {
    /** QEMU's default MAC for the first NIC. */
    private static final int[] QEMU_MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    private static final int[] GUEST_IP = {10, 0, 2, 15}, GATEWAY_IP = {10, 0, 2, 2};

    private VirtioNetTests() {}

    static void runAll() {
        SelfTest.check("virtio-net: the MAC is read from the configuration space (the stack's macAddress too)", () -> {
            VirtioNet n = VirtioDevices.net();
            if (n == null) return "no virtio network device (the harness attaches one)";
            for (int i = 0; i < 6; i++) if (n.macByte(i) != QEMU_MAC[i]) return "MAC " + n.macText() + ", QEMU gives 52:54:00:12:34:56";
            return n.macAddress() == 0x525400123456L ? null : "macAddress() is 0x" + Long.toHexString(n.macAddress());
        });
        SelfTest.check("virtio-net: an ARP request for the gateway is transmitted and its reply received", () -> {
            VirtioNet n = VirtioDevices.net();
            if (n == null) return "no virtio network device";
            String[] outcome = {"the test's task did not finish"};
            Executor ex = KernelExecutor.create();
            ex.spawn("virtio-net-test", () -> outcome[0] = arpForGateway(n));
            ex.runUntilIdle();
            return outcome[0];
        });
    }

    @Async
    private static String arpForGateway(VirtioNet n) {
        byte[] f = new byte[42];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff;                  // broadcast
            f[6 + i] = (byte) n.macByte(i);      // from us
            f[22 + i] = (byte) n.macByte(i);     // sender hardware address
        }
        f[12] = 0x08; f[13] = 0x06;              // EtherType ARP
        f[15] = 1;                               // hardware type Ethernet
        f[16] = 0x08; f[17] = 0x00;              // protocol IPv4
        f[18] = 6; f[19] = 4;                    // address lengths
        f[21] = 1;                               // request
        for (int i = 0; i < 4; i++) {
            f[28 + i] = (byte) GUEST_IP[i];
            f[38 + i] = (byte) GATEWAY_IP[i];
        }
        if (!n.transmit(f, 0, f.length)) return "transmit refused the frame";
        byte[] in = new byte[VirtioNet.MAX_FRAME];
        long deadline = Timer.nanos() + 5_000_000_000L;
        while (Timer.nanos() < deadline) {
            int len = n.receive(in, 0);
            if (len == 0) {
                if (!n.awaitFrame(deadline)) break;
                continue;
            }
            boolean arpReply = len >= 42 && in[12] == 0x08 && in[13] == 0x06 && in[21] == 2;
            boolean fromGateway = arpReply;
            for (int i = 0; i < 4 && arpReply; i++) fromGateway &= (in[28 + i] & 0xff) == GATEWAY_IP[i];
            boolean toUs = arpReply;
            for (int i = 0; i < 6 && arpReply; i++) toUs &= (in[i] & 0xff) == n.macByte(i);
            if (fromGateway && toUs) return null;
        }
        return "no ARP reply from 10.0.2.2 within 5 s (" + n.received() + " frames received, " + n.sent() + " sent)";
    }
}
