package dev.llmring.examples;

/** The main job: calls an alias end to end. Filled in with the core client. */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        System.out.println("llmring-java: the core client is not built yet; nothing to run.");
    }
}
