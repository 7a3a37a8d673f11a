package lichen.kernel.syscall;

import lichen.libkernel.Errno;

/**
 * The extended-attribute calls (setxattr(2) through fremovexattr(2), numbers
 * 5 to 16). No filesystem here keeps extended attributes yet, so each answers
 * EOPNOTSUPP, "extended attributes are not supported by the filesystem" —
 * what ls and cp take to mean there are no ACLs or labels to show or copy.
 */
final class XattrCalls {
    static final int FIRST = 5, LAST = 16;

    private XattrCalls() {}

    static long sysXattr() { return -Errno.EOPNOTSUPP; }
}
