package lichen.fs.vfs;

/**
 * Receives directory entries from {@link Inode#readdir}. {@code nextCookie} is
 * the position just after this entry; returning false stops the walk (the
 * caller's buffer is full) and the entry is delivered again next time.
 */
public interface DirSink {
    boolean accept(long ino, int dtype, String name, long nextCookie);
}
