package lichen.fs.fat;

import lichen.fs.LittleEndian;

/**
 * Decodes a FAT directory's 32-byte entries (FAT specification, "Directory
 * Structure" and "Long File Names"): runs of long-name entries (attribute
 * 0x0F, sequence numbers counting down, 13 UCS-2 characters each) precede the
 * 8.3 entry they name and are trusted only when their checksum matches it.
 * Names come out as byte strings of UTF-8.
 */
final class DirEntryDecoder {
    static final int ATTR_READ_ONLY = 0x01;
    static final int ATTR_VOLUME = 0x08;
    static final int ATTR_DIRECTORY = 0x10;
    static final int ATTR_LFN = 0x0F;
    private static final int[] LFN_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

    private final char[] lfn = new char[20 * 13];
    private int expected = -1;
    private int parts;
    private int checksum;

    void reset() {
        expected = -1;
    }

    /** Feeds a long-name entry at {@code off}. */
    void longName(byte[] b, int off) {
        int ord = b[off] & 0xFF;
        int seq = ord & 0x1F;
        if ((ord & 0x40) != 0) {
            if (seq == 0 || seq > 20) { expected = -1; return; }
            parts = seq;
            expected = seq;
            checksum = b[off + 13] & 0xFF;
            for (int i = 0; i < lfn.length; i++) lfn[i] = 0xFFFF;
        }
        if (expected <= 0 || seq != expected || (b[off + 13] & 0xFF) != checksum) { expected = -1; return; }
        for (int i = 0; i < 13; i++) lfn[(seq - 1) * 13 + i] = (char) LittleEndian.u16(b, off + LFN_OFFSETS[i]);
        expected--;
    }

    static int shortChecksum(byte[] b, int off) {
        int sum = 0;
        for (int i = 0; i < 11; i++) sum = (((sum & 1) << 7) + (sum >> 1) + (b[off + i] & 0xFF)) & 0xFF;
        return sum;
    }

    /** The name of the short entry at {@code off}: the long name when one matched, else the 8.3 name. */
    String name(byte[] b, int off) {
        String result;
        if (expected == 0 && shortChecksum(b, off) == checksum) {
            int n = 0;
            while (n < parts * 13 && lfn[n] != 0 && lfn[n] != 0xFFFF) n++;
            result = utf8(lfn, n);
        } else {
            result = shortName(b, off);
        }
        expected = -1;
        return result;
    }

    static String shortName(byte[] b, int off) {
        int caseFlags = b[off + 12] & 0xFF;
        StringBuilder sb = new StringBuilder();
        int end = 8;
        while (end > 0 && b[off + end - 1] == ' ') end--;
        for (int i = 0; i < end; i++) {
            int c = b[off + i] & 0xFF;
            if (i == 0 && c == 0x05) c = 0xE5;
            if ((caseFlags & 0x08) != 0 && c >= 'A' && c <= 'Z') c += 32;
            sb.append((char) c);
        }
        int extEnd = 11;
        while (extEnd > 8 && b[off + extEnd - 1] == ' ') extEnd--;
        if (extEnd > 8) {
            sb.append('.');
            for (int i = 8; i < extEnd; i++) {
                int c = b[off + i] & 0xFF;
                if ((caseFlags & 0x10) != 0 && c >= 'A' && c <= 'Z') c += 32;
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** UTF-16 code units to a byte string of their UTF-8 encoding (unpaired surrogates become U+FFFD). */
    static String utf8(char[] u, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = u[i];
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00);
                i++;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            if (cp < 0x80) {
                sb.append((char) cp);
            } else if (cp < 0x800) {
                sb.append((char) (0xC0 | (cp >> 6))).append((char) (0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                sb.append((char) (0xE0 | (cp >> 12))).append((char) (0x80 | ((cp >> 6) & 0x3F)))
                        .append((char) (0x80 | (cp & 0x3F)));
            } else {
                sb.append((char) (0xF0 | (cp >> 18))).append((char) (0x80 | ((cp >> 12) & 0x3F)))
                        .append((char) (0x80 | ((cp >> 6) & 0x3F))).append((char) (0x80 | (cp & 0x3F)));
            }
        }
        return sb.toString();
    }

    /** FAT date and time fields (local time, taken as UTC) to seconds since the epoch. */
    static long epochSeconds(int date, int time) {
        int year = 1980 + ((date >> 9) & 0x7F);
        int month = Math.max(1, Math.min(12, (date >> 5) & 0xF));
        int day = Math.max(1, date & 0x1F);
        long days = daysFromCivil(year, month, day);
        return days * 86400 + ((time >> 11) & 0x1F) * 3600L + ((time >> 5) & 0x3F) * 60L + (time & 0x1F) * 2L;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the well-known civil-from-days inverse). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
