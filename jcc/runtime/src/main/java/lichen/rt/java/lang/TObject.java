package lichen.rt.java.lang;

import lichen.rt.IdentityHash;
import lichen.rt.Intrinsics;

/**
 * java.lang.Object in compiled code. It has no fields: an object is its header
 * word only. jcc gives this class no superclass after renaming.
 */
public class TObject {
    public TObject() {}

    public boolean equals(Object other) {
        return (Object) this == other;
    }

    /** The identity hash: the object's address mixed to 32 bits. */
    public int hashCode() {
        return IdentityHash.of(this);
    }

    public String toString() {
        return Intrinsics.className(this) + "@" + Integer.toHexString(hashCode());
    }
}
