/**
 * The provider contract test: {@link dev.llmring.contract.ProviderContractTest}, the scenarios every adapter
 * passes through the whole client against its wire format served by WireMock;
 * {@link dev.llmring.contract.ContractHarness}, what an adapter's test supplies; and
 * {@link dev.llmring.contract.ContractScript}, the requests and the answers its stubs serve.
 */
@NullMarked
package dev.llmring.contract;

import org.jspecify.annotations.NullMarked;
