#!/bin/sh
# Regenerates lichen/rt/{Int,Long,Short,Char,Byte,Float,Double}Sort.java from
# PrimitiveSort.java.template. Run from jcc/runtime/gen after editing the template.
set -e
out=../src/main/java/lichen/rt
for t in int:Int long:Long short:Short char:Char byte:Byte float:Float double:Double; do
    e=${t%%:*}; n=${t##*:}
    sed -e "s/ELEM/$e/g; s/NAMESort/${n}Sort/g" PrimitiveSort.java.template > "$out/${n}Sort.java"
done
sed -i 's/Generated from one template for each primitive type./Generated from one template for each primitive type; for floats\n * and doubles the caller removes NaNs first and orders -0.0 before 0.0\n * afterwards ({@code <} treats them as equal)./' "$out/FloatSort.java" "$out/DoubleSort.java"
