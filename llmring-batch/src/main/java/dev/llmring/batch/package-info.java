/**
 * Batch runs: {@link dev.llmring.batch.BatchRunner} sends every line of a JSONL file (the OpenAI Batch shape or its
 * short form) through an {@link dev.llmring.LlmRing} with bounded concurrency, journals each outcome so that a rerun
 * resumes without paying twice, reserves a budget before each request, and writes one output record per
 * {@code custom_id}. See {@code docs/batch.md}.
 *
 * <p>Null policy: nothing in this package accepts or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.batch;

import org.jspecify.annotations.NullMarked;
