package dev.llmring.lockfile;

final class Placeholder {
    private Placeholder() {}
}
