/** A small stack virtual machine: assembles a text program to bytecode and runs it (loops, calls, recursion). */
public class StackVm {
    static final int PUSH = 0, ADD = 1, SUB = 2, MUL = 3, LT = 4, JMP = 5, JZ = 6, LOAD = 7, STORE = 8, PRINT = 9,
            CALL = 10, RET = 11, HALT = 12, DUP = 13, ARG = 14, MOD = 15;
    static final String[] NAMES = {"push", "add", "sub", "mul", "lt", "jmp", "jz", "load", "store", "print", "call", "ret",
            "halt", "dup", "arg", "mod"};

    static int opcode(String name) {
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(name)) return i;
        throw new IllegalArgumentException("unknown instruction " + name);
    }

    static String[] lines(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        String[] out = new String[n];
        int start = 0;
        for (int k = 0; k < n; k++) {
            int end = s.indexOf('\n', start);
            if (end < 0) end = s.length();
            out[k] = s.substring(start, end);
            start = end + 1;
        }
        return out;
    }

    static int[] assemble(String source) {
        String[] lines = lines(source);
        String[] labels = new String[lines.length];
        int[] labelAt = new int[lines.length];
        int nLabels = 0, pc = 0;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty()) continue;
            if (line.endsWith(":")) {
                labels[nLabels] = line.substring(0, line.length() - 1);
                labelAt[nLabels++] = pc;
            } else {
                pc += line.indexOf(' ') >= 0 ? 2 : 1;
            }
        }
        int[] code = new int[pc];
        pc = 0;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.endsWith(":")) continue;
            int sp = line.indexOf(' ');
            String op = sp < 0 ? line : line.substring(0, sp);
            code[pc++] = opcode(op);
            if (sp >= 0) {
                String arg = line.substring(sp + 1).trim();
                int value = 0;
                boolean found = false;
                for (int i = 0; i < nLabels; i++) if (labels[i].equals(arg)) { value = labelAt[i]; found = true; }
                code[pc++] = found ? value : Integer.parseInt(arg);
            }
        }
        return code;
    }

    static long run(int[] code, StringBuilder out) {
        int[] stack = new int[256];
        int[] frames = new int[64];
        int[] vars = new int[16];
        int sp = 0, fp = 0, pc = 0;
        long steps = 0;
        while (true) {
            steps++;
            int op = code[pc++];
            switch (op) {
                case PUSH -> stack[sp++] = code[pc++];
                case ADD -> { sp--; stack[sp - 1] += stack[sp]; }
                case SUB -> { sp--; stack[sp - 1] -= stack[sp]; }
                case MUL -> { sp--; stack[sp - 1] *= stack[sp]; }
                case MOD -> { sp--; stack[sp - 1] %= stack[sp]; }
                case LT -> { sp--; stack[sp - 1] = stack[sp - 1] < stack[sp] ? 1 : 0; }
                case JMP -> pc = code[pc];
                case JZ -> pc = stack[--sp] == 0 ? code[pc] : pc + 1;
                case LOAD -> stack[sp++] = vars[code[pc++]];
                case STORE -> vars[code[pc++]] = stack[--sp];
                case PRINT -> out.append(stack[--sp]).append(' ');
                case DUP -> { stack[sp] = stack[sp - 1]; sp++; }
                case ARG -> stack[sp++] = stack[frames[fp - 2] - 1 - code[pc++]];
                case CALL -> {
                    frames[fp++] = sp;
                    frames[fp++] = pc + 1;
                    pc = code[pc];
                }
                case RET -> {
                    int result = stack[--sp];
                    pc = frames[--fp];
                    sp = frames[--fp] - 1; // the callee pops its one argument
                    stack[sp++] = result;
                }
                case HALT -> { return steps; }
                default -> throw new IllegalStateException("bad opcode " + op);
            }
        }
    }

    public static void main(String[] args) {
        String program = """
                    push 0
                    store 0
                loop:
                    load 0
                    push 10
                    lt
                    jz done
                    load 0
                    call fib
                    print
                    load 0
                    push 1
                    add
                    store 0
                    jmp loop
                done:
                    push 20
                    call fib
                    print
                    halt
                fib:
                    arg 0
                    push 2
                    lt
                    jz recurse
                    arg 0
                    ret
                recurse:
                    arg 0
                    push 1
                    sub
                    call fib
                    arg 0
                    push 2
                    sub
                    call fib
                    add
                    ret
                """;
        int[] code = assemble(program);
        System.out.println("code size " + code.length);
        StringBuilder out = new StringBuilder();
        long steps = run(code, out);
        System.out.println(out.toString().trim());
        System.out.println("steps " + steps);
    }
}
