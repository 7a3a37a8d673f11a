/** Word types (VA, PA, UA) as values: arithmetic, comparisons, fields, arrays and statics frozen at build time. */
import lichen.api.*;

public class WordTypes {
    static final VA BASE = VA.of(0xffff_0000_0000_0000L);
    static final VA[] TABLE = { VA.of(0x1000), VA.of(0x2000) };
    static VA cursor = VA.of(0x4000);

    static final class Holder { VA at; PA where; Holder(VA at) { this.at = at; } }

    static long walk(long n) {
        VA v = VA.of(0);
        long sum = 0;
        for (long i = 0; i < n; i++) {
            v = v.add(4096).alignDown(4096);
            sum += v.pageNumber() + v.tableIndex(3);
        }
        return sum;
    }

    public static void main(String[] args) {
        System.out.println(walk(1_000_000));
        VA a = VA.of(0x1234);
        VA b = a.pageUp();
        System.out.println(b.raw() + " " + a.equals(VA.of(0x1234)) + " " + a.equals(b) + " " + a.lessThan(b) + " " + b.toString());
        System.out.println(BASE.isHighHalf() + " " + TABLE[1].raw() + " " + cursor.raw() + " " + BASE.hashCode());
        VA[] more = new VA[3];
        more[2] = BASE.add(8);
        System.out.println(Long.toHexString(more[2].raw()) + " " + more.length);
        Holder h = new Holder(a.add(1));
        h.where = PA.ofPage(3);
        cursor = h.at;
        System.out.println(h.at.raw() + " " + h.where.pageNumber() + " " + cursor.minus(a) + " " + UA.nil().isNull());
        UA u = UA.of(0x7fff_0000L);
        System.out.println(u.rangeOk(0x10000) + " " + u.toVA().isLowHalf() + " " + (a.compareTo(b) < 0 ? "lt" : "ge"));
    }
}
