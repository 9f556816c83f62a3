//! The node's JSON-RPC methods beyond the ones `sc-service` always provides (`chain_*`,
//! `state_*`, `author_*`, `system_*` basics, the new JSON-RPC spec).

pub mod sortition;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use sc_consensus_babe::BabeWorkerHandle;
use sc_transaction_pool_api::TransactionPool;
use sortition_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash, Nonce};
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_keystore::KeystorePtr;

/// What the RPC methods need from the node.
pub struct FullDeps<C, P, SC, S, B> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// The chain selection strategy (for `babe_epochAuthorship`).
	pub select_chain: SC,
	/// The node's keystore (for `babe_epochAuthorship`).
	pub keystore: KeystorePtr,
	/// A handle to the BABE worker (for `babe_epochAuthorship`).
	pub babe_worker_handle: BabeWorkerHandle<Block>,
	/// The offchain database, where offchain indexing keeps the MMR's nodes (for
	/// `mmr_generateProof`).
	pub offchain_storage: S,
	/// What `grandpa_*` needs: justifications as they come, finality proofs, the voter's state.
	pub grandpa: GrandpaDeps<B>,
}

/// What the `grandpa_*` methods need.
pub struct GrandpaDeps<B> {
	/// The voter's state (`grandpa_roundState`).
	pub shared_voter_state: sc_consensus_grandpa::SharedVoterState,
	/// The current authority set.
	pub shared_authority_set: sc_consensus_grandpa::SharedAuthoritySet<Hash, BlockNumber>,
	/// Justifications of finalised blocks as they are produced or imported
	/// (`grandpa_subscribeJustifications`: what `scripts/sortition receipt` waits for).
	pub justification_stream: sc_consensus_grandpa::GrandpaJustificationStream<Block>,
	/// Runs subscriptions.
	pub subscription_executor: sc_rpc::SubscriptionTaskExecutor,
	/// Finality proofs of stored justifications (`grandpa_proveFinality`).
	pub finality_provider: Arc<sc_consensus_grandpa::FinalityProofProvider<B, Block>>,
}

/// Instantiate all full RPC extensions: `sortition_*` (jobs, provers and fee quotes: see
/// [`sortition`]), `system_accountNextIndex` / `system_dryRun`, `payment_queryInfo` /
/// `payment_queryFeeDetails` (what polkadot.js uses to show fees) and `babe_epochAuthorship`
/// (the slots this node's BABE keys may author, for validators), `mmr_root` /
/// `mmr_generateProof` / `mmr_verifyProof` (the Merkle Mountain Range of receipts) and
/// `grandpa_roundState` / `grandpa_proveFinality` / `grandpa_subscribeJustifications`.
pub fn create_full<C, P, SC, S, B>(
	deps: FullDeps<C, P, SC, S, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ sc_client_api::BlockBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: sp_consensus_babe::BabeApi<Block>,
	C::Api: BlockBuilder<Block>,
	C::Api: sortition_api::SortitionApi<Block, AccountId, Balance, BlockNumber>,
	C::Api: sp_mmr_primitives::MmrApi<Block, Hash, BlockNumber>,
	P: TransactionPool + 'static,
	S: sp_core::offchain::OffchainStorage + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	SC: SelectChain<Block> + Clone + 'static,
{
	use mmr_rpc::{Mmr, MmrApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use sortition::{Sortition, SortitionRpcServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps {
		client,
		pool,
		select_chain,
		keystore,
		babe_worker_handle,
		offchain_storage,
		grandpa,
	} = deps;

	module.merge(Sortition::new(client.clone()).into_rpc())?;
	module.merge(Mmr::new(client.clone(), offchain_storage).into_rpc())?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Babe::new(client, babe_worker_handle, keystore, select_chain).into_rpc())?;

	Ok(module)
}
