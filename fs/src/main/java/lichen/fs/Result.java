package lichen.fs;

/**
 * A value or a negative errno: how a function that makes an object reports
 * failure without an exception (docs/subset.md: a throw is a panic).
 */
public final class Result<T> {
    public final T value;
    /** Zero on success, else a negative errno. */
    public final int error;

    private Result(T value, int error) {
        this.value = value;
        this.error = error;
    }

    public static <T> Result<T> ok(T value) {
        return new Result<>(value, 0);
    }

    /** {@code negErrno} is a negative errno such as {@code -Errno.ENOENT}. */
    public static <T> Result<T> err(int negErrno) {
        return new Result<>(null, negErrno < 0 ? negErrno : -negErrno);
    }

    public boolean ok() {
        return error == 0;
    }

    /** The same error for another value type. */
    public <U> Result<U> cast() {
        return new Result<>(null, error);
    }
}
