/**
 * Receipt machinery, not exported: strict base64url, Ed25519 over BouncyCastle (found lazily, optional at run time),
 * lossless JSON trees for canonicalisation, the server's HTTP plumbing and the bounded usage-log queue.
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.llmring.internal.receipts;

import org.jspecify.annotations.NullMarked;
