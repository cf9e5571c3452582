/**
 * Receipts: signed records of what a call cost, verified locally and offline, plus the optional client of an
 * llmring server (usage logging, fetching receipts, the server's public keys).
 *
 * <p>A {@link dev.llmring.receipts.Receipt} is parsed from the server's JSON and keeps that JSON as it came, so the
 * bytes that are checked are exactly the bytes that were signed: the RFC 8785 (JCS) canonical form of every member
 * except {@code signature}, encoded as UTF-8, signed with Ed25519. A {@link dev.llmring.receipts.ReceiptVerifier}
 * checks it against a {@link dev.llmring.receipts.ReceiptKeySet} that is pinned in configuration or fetched from the
 * server. Verification needs BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) at run time; nothing else in
 * llmring does, so it is an optional dependency that applications verifying receipts add themselves.
 *
 * <p>Null policy: nothing in this package accepts or returns {@code null} unless it is marked {@code @Nullable};
 * optional values are returned as {@link java.util.Optional}.
 */
@NullMarked
package dev.llmring.receipts;

import org.jspecify.annotations.NullMarked;
