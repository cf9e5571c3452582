/**
 * The latency lens. {@link dev.llmring.lens.Lens} runs a {@link dev.llmring.lens.LoadProfile} of prompts against
 * one or more targets (aliases or {@code provider:model} bindings) through an {@link dev.llmring.LlmRing}, and
 * returns a {@link dev.llmring.lens.LensReport}; with an output directory it also writes {@code requests.jsonl},
 * {@code summary.json}, {@code summary.csv} and {@code report.html}. Nothing here is null unless marked.
 */
@NullMarked
package dev.llmring.lens;

import org.jspecify.annotations.NullMarked;
