package lichen.usertest.sys;

/**
 * struct new_utsname as uname fills it (include/uapi/linux/utsname.h): six
 * NUL-terminated fields of __NEW_UTS_LEN + 1 = 65 bytes each, 390 bytes.
 */
public record Utsname(String sysname, String nodename, String release, String version, String machine,
                      String domainname) {

    public static final int FIELD = 65;
    public static final int SIZE = 6 * FIELD;

    public static Utsname decode(byte[] b) {
        return new Utsname(field(b, 0), field(b, 1), field(b, 2), field(b, 3), field(b, 4), field(b, 5));
    }

    private static String field(byte[] b, int index) {
        return CString.decodeUntilNul(b, index * FIELD, FIELD);
    }
}
