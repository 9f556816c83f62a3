//! The node's JSON-RPC methods beyond the ones `sc-service` always provides (`chain_*`,
//! `state_*`, `author_*`, `system_*` basics, the new JSON-RPC spec).

pub mod sortition;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use sc_consensus_babe::BabeWorkerHandle;
use sc_transaction_pool_api::TransactionPool;
use sortition_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_keystore::KeystorePtr;

/// What the RPC methods need from the node.
pub struct FullDeps<C, P, SC> {
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
}

/// Instantiate all full RPC extensions: `sortition_*` (jobs, provers and fee quotes: see
/// [`sortition`]), `system_accountNextIndex` / `system_dryRun`, `payment_queryInfo` /
/// `payment_queryFeeDetails` (what polkadot.js uses to show fees) and `babe_epochAuthorship`
/// (the slots this node's BABE keys may author, for validators).
pub fn create_full<C, P, SC>(
	deps: FullDeps<C, P, SC>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: sp_consensus_babe::BabeApi<Block>,
	C::Api: BlockBuilder<Block>,
	C::Api: sortition_api::SortitionApi<Block, AccountId, Balance, BlockNumber>,
	P: TransactionPool + 'static,
	SC: SelectChain<Block> + Clone + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sortition::{Sortition, SortitionRpcServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, select_chain, keystore, babe_worker_handle } = deps;

	module.merge(Sortition::new(client.clone()).into_rpc())?;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Babe::new(client, babe_worker_handle, keystore, select_chain).into_rpc())?;

	Ok(module)
}
