/** A Brainfuck interpreter with precomputed bracket jumps, running a fixed program that prints text. */
public class Brainfuck {
    static String run(String program) {
        char[] code = program.toCharArray();
        int[] jump = new int[code.length];
        int[] stack = new int[code.length];
        int sp = 0;
        for (int i = 0; i < code.length; i++) {
            if (code[i] == '[') stack[sp++] = i;
            else if (code[i] == ']') {
                int open = stack[--sp];
                jump[open] = i;
                jump[i] = open;
            }
        }
        byte[] tape = new byte[30000];
        int ptr = 0;
        StringBuilder out = new StringBuilder();
        long steps = 0;
        for (int pc = 0; pc < code.length; pc++) {
            steps++;
            switch (code[pc]) {
                case '>' -> ptr++;
                case '<' -> ptr--;
                case '+' -> tape[ptr]++;
                case '-' -> tape[ptr]--;
                case '.' -> out.append((char) (tape[ptr] & 0xFF));
                case '[' -> { if (tape[ptr] == 0) pc = jump[pc]; }
                case ']' -> { if (tape[ptr] != 0) pc = jump[pc]; }
                default -> { }
            }
        }
        return out + "(" + steps + " steps)";
    }

    public static void main(String[] args) {
        String hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++.";
        System.out.print(run(hello));
        System.out.println();
        String squares = "++++[>+++++<-]>[<+++++>-]+<+[>[>+>+<<-]++>>[<<+>>-]>>>[-]++>[-]+>>>+[[-]++++++>>>]<<<[[<++++++++<++>>-]+<.<[>----<-]<]<<[>>>>>[>>>[-]+++++++++<[>-<-]+++++++++>[-[<->-]+[<<<]]<[>+<-]>]<<-]<<-]";
        String out = run(squares);
        System.out.println(out.substring(0, 40).replace('\n', '|') + " ... " + out.length());
    }
}
