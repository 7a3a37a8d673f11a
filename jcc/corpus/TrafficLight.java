/** A state machine with enums: states with transitions in constant bodies, an EnumMap-free table by ordinal, and events. */
public class TrafficLight {
    enum Event { TIMER, EMERGENCY, RESET }

    enum State {
        RED(30) {
            State on(Event e) { return e == Event.TIMER ? GREEN : e == Event.EMERGENCY ? FLASHING : this; }
        },
        GREEN(25) {
            State on(Event e) { return e == Event.TIMER ? YELLOW : e == Event.EMERGENCY ? FLASHING : this; }
        },
        YELLOW(5) {
            State on(Event e) { return e == Event.TIMER ? RED : e == Event.EMERGENCY ? FLASHING : this; }
        },
        FLASHING(0) {
            State on(Event e) { return e == Event.RESET ? RED : this; }
        };

        final int seconds;

        State(int seconds) { this.seconds = seconds; }

        abstract State on(Event e);
    }

    public static void main(String[] args) {
        Event[] script = {Event.TIMER, Event.TIMER, Event.TIMER, Event.TIMER, Event.EMERGENCY, Event.TIMER, Event.RESET, Event.TIMER, Event.RESET};
        State s = State.RED;
        int[] visits = new int[State.values().length];
        int elapsed = 0;
        for (Event e : script) {
            State next = s.on(e);
            System.out.println(s + " --" + e.name().toLowerCase() + "--> " + next);
            elapsed += s.seconds;
            visits[next.ordinal()]++;
            s = next;
        }
        StringBuilder sb = new StringBuilder();
        for (State st : State.values()) sb.append(st).append('=').append(visits[st.ordinal()]).append(' ');
        System.out.println(sb.toString().trim() + ", elapsed " + elapsed + "s");
    }
}
