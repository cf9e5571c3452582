/**
 * The provider contract test: {@link dev.llmring.testing.contract.ProviderContractTest}, the scenarios every adapter
 * passes through the whole client against its wire format served by WireMock;
 * {@link dev.llmring.testing.contract.ContractHarness}, what an adapter's test supplies; and
 * {@link dev.llmring.testing.contract.ContractScript}, the requests and the answers its stubs serve.
 */
@NullMarked
package dev.llmring.testing.contract;

import org.jspecify.annotations.NullMarked;
