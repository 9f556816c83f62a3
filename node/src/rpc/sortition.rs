//! `sortition_*`: the runtime API [`SortitionApi`] as JSON-RPC, and nothing more.
//!
//! Each method calls the runtime API at `at` (default: the best block) and returns its answer
//! as JSON: balances and 64-bit field elements as decimal strings (JavaScript numbers lose
//! precision above 2^53), accounts in SS58, field names in camelCase, enum variants by their
//! names in the metadata (`{"Proving": {"prover": "5G...", "proveBy": 42}}`).
//!
//! A missing job or prover, and a job size or collateral the chain would refuse, are errors
//! with stable codes (see [`codes`]) and a message that says what to change, so that a client
//! never has to interpret a `null`.

use std::sync::Arc;

use codec::{Decode, Encode};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use sc_client_api::BlockBackend;
use serde::{Deserialize, Serialize};
use sortition_api::{
	FeeQuote, Inputs, JobId, JobInfo, JobState, Output, Program, ProverInfo, QuoteError,
	SecurityLevel, SortitionApi,
};
use sortition_runtime::{
	opaque::Block, AccountId, Balance, BlockNumber, Hash, RuntimeCall, UncheckedExtrinsic,
};
use sp_api::{ApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;

/// The error codes of the `sortition_*` methods. They never change meaning; new ones get new
/// numbers. (Malformed parameters, such as an invalid address, get JSON-RPC's own -32602.)
pub mod codes {
	/// The runtime could not answer (e.g. `at` is an unknown block, or its runtime has no
	/// `SortitionApi`). The error's `data` has the cause.
	pub const RUNTIME_ERROR: i32 = 7000;
	/// There is no job with that id: never submitted, or pruned after its retention period.
	pub const UNKNOWN_JOB: i32 = 7001;
	/// The account is not a registered prover.
	pub const UNKNOWN_PROVER: i32 = 7002;
	/// `sortition_proof`: the job exists but is not verified (yet, or it failed or was
	/// cancelled): it has no proof.
	pub const JOB_NOT_VERIFIED: i32 = 7003;
	/// `sortition_proof`: this node no longer has the body of the block that holds the proof
	/// (it was started with `--blocks-pruning N`). An archive node has it.
	pub const BODY_UNAVAILABLE: i32 = 7004;
	/// `sortition_quote`: `steps` is not a job size (a power of two from 64 to 2^20).
	pub const INVALID_STEPS: i32 = 7010;
	/// `sortition_quote`: the collateral is below the chain's minimum.
	pub const COLLATERAL_TOO_LOW: i32 = 7011;
	/// `sortition_quote`: Root paused the program.
	pub const PROGRAM_PAUSED: i32 = 7012;
	/// `sortition_quote`: no prover could take such a job now.
	pub const NO_ELIGIBLE_PROVER: i32 = 7013;
}

/// A job as the RPC returns it.
pub type Job = JobInfo<AccountId, Balance, BlockNumber>;

/// A verified job's proof, as `sortition_proof` returns it: everything needed to check it
/// without the chain (`scripts/sortition proof` writes it to a file, `scripts/sortition verify`
/// checks that file with the runtime's verifier).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobProof {
	/// The job.
	pub job: JobId,
	/// Its program.
	pub program: Program,
	/// What was proven (the inputs name the program).
	pub inputs: Inputs,
	/// The security level the proof was verified at.
	pub security: SecurityLevel,
	/// The verified output.
	pub output: Output,
	/// The prover whose proof verified.
	pub prover: AccountId,
	/// The `ProverId` the proof is bound to (`pallet_jobs::prover_id` of `prover`: its public
	/// key), hex: the proof verifies for this prover only.
	pub prover_id: sp_core::Bytes,
	/// The proof's bytes, hex: exactly those of the extrinsic that verified (`submit_proof` or
	/// `submit_proof_authorized`).
	pub proof: sp_core::Bytes,
	/// The block the proof verified in.
	pub block: BlockNumber,
	/// That block's hash.
	pub block_hash: Hash,
	/// The index of that extrinsic in its block.
	pub extrinsic_index: u32,
}

/// A balance parameter: a decimal string (`"1000000000000"`, what JavaScript clients should
/// send) or a JSON number (exact only up to 2^53 in most clients).
#[derive(Clone, Copy, Debug)]
pub struct BalanceParam(pub Balance);

impl<'de> Deserialize<'de> for BalanceParam {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		struct Visitor;
		impl serde::de::Visitor<'_> for Visitor {
			type Value = BalanceParam;
			fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
				f.write_str("a balance in plancks: a decimal string or a non-negative integer")
			}
			fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<BalanceParam, E> {
				Ok(BalanceParam(n.into()))
			}
			fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<BalanceParam, E> {
				text.parse().map(BalanceParam).map_err(|_| {
					E::custom(format!("`{text}` is not a balance in plancks (a decimal integer)"))
				})
			}
		}
		deserializer.deserialize_any(Visitor)
	}
}

/// An account parameter: an SS58 address.
#[derive(Clone, Debug)]
pub struct AccountParam(pub AccountId);

impl<'de> Deserialize<'de> for AccountParam {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		use sp_core::crypto::Ss58Codec;
		let text = String::deserialize(deserializer)?;
		AccountId::from_ss58check(&text)
			.map(AccountParam)
			.map_err(|e| serde::de::Error::custom(format!("`{text}` is not an SS58 address ({e})")))
	}
}

/// The `sortition_*` methods.
#[rpc(server, namespace = "sortition")]
pub trait SortitionRpc {
	/// Job `id`: what was asked, for how much, and where it is (prover, deadlines, output).
	/// Error [`codes::UNKNOWN_JOB`] if there is no such job.
	#[method(name = "job")]
	fn job(&self, id: JobId, at: Option<Hash>) -> RpcResult<Job>;

	/// Every job `requester` submitted that is not pruned yet, open and finished, by id.
	#[method(name = "requesterJobs", blocking)]
	fn requester_jobs(&self, requester: AccountParam, at: Option<Hash>) -> RpcResult<Vec<Job>>;

	/// The jobs `prover` holds now (assigned to it or being proven by it), by id.
	#[method(name = "proverJobs")]
	fn prover_jobs(&self, prover: AccountParam, at: Option<Hash>) -> RpcResult<Vec<Job>>;

	/// `prover`'s record: stake, locked collateral, asks, counters, suspension, unbonding.
	/// Error [`codes::UNKNOWN_PROVER`] if it is not registered.
	#[method(name = "prover")]
	fn prover(
		&self,
		prover: AccountParam,
		at: Option<Hash>,
	) -> RpcResult<ProverInfo<Balance, BlockNumber>>;

	/// The proof of verified job `id`, read from the body of the block it verified in, with
	/// the job's inputs, level and output: a self-contained proof. Errors
	/// [`codes::UNKNOWN_JOB`], [`codes::JOB_NOT_VERIFIED`], [`codes::BODY_UNAVAILABLE`].
	#[method(name = "proof", blocking)]
	fn proof(&self, id: JobId, at: Option<Hash>) -> RpcResult<JobProof>;

	/// The fees at which provers would take a job of `program` with `steps` steps and
	/// `collateral` (default: the chain's minimum). Errors [`codes::INVALID_STEPS`],
	/// [`codes::COLLATERAL_TOO_LOW`], [`codes::PROGRAM_PAUSED`],
	/// [`codes::NO_ELIGIBLE_PROVER`].
	#[method(name = "quote", blocking)]
	fn quote(
		&self,
		program: Program,
		steps: u32,
		collateral: Option<BalanceParam>,
		at: Option<Hash>,
	) -> RpcResult<FeeQuote<Balance>>;
}

/// The `sortition_*` methods over a client whose runtime implements [`SortitionApi`].
pub struct Sortition<C> {
	client: Arc<C>,
}

impl<C> Sortition<C> {
	/// The methods, answered from `client`'s state.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> Sortition<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + 'static,
	C::Api: SortitionApi<Block, AccountId, Balance, BlockNumber>,
{
	/// Call the runtime API at `at` (default: the best block).
	fn call<R>(
		&self,
		at: Option<Hash>,
		f: impl FnOnce(&C::Api, Hash) -> Result<R, ApiError>,
	) -> RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		f(&self.client.runtime_api(), at).map_err(|e| {
			ErrorObject::owned(
				codes::RUNTIME_ERROR,
				format!("the runtime could not answer at block {at}"),
				Some(e.to_string()),
			)
		})
	}
}

fn error(code: i32, message: String) -> ErrorObjectOwned {
	ErrorObject::owned(code, message, None::<()>)
}

/// Something that should not happen: the chain contradicts itself.
fn internal(message: String) -> ErrorObjectOwned {
	ErrorObject::owned(codes::RUNTIME_ERROR, message, None::<()>)
}

fn quote_error(e: QuoteError) -> ErrorObjectOwned {
	let code = match e {
		QuoteError::InvalidSteps(_) => codes::INVALID_STEPS,
		QuoteError::CollateralTooLow => codes::COLLATERAL_TOO_LOW,
		QuoteError::ProgramPaused => codes::PROGRAM_PAUSED,
		QuoteError::NoEligibleProver => codes::NO_ELIGIBLE_PROVER,
	};
	// `data` is the runtime's error as JSON (e.g. `{"InvalidSteps": "TooFewSteps"}`).
	ErrorObject::owned(code, e.message(), Some(e))
}

impl<C> SortitionRpcServer for Sortition<C>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ BlockBackend<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: SortitionApi<Block, AccountId, Balance, BlockNumber>,
{
	fn job(&self, id: JobId, at: Option<Hash>) -> RpcResult<Job> {
		self.call(at, |api, at| api.job(at, id))?.ok_or_else(|| {
			error(
				codes::UNKNOWN_JOB,
				format!(
					"there is no job {id}: it was never submitted, or it finished and was pruned \
					 (query a block before it was pruned with `at`)"
				),
			)
		})
	}

	fn requester_jobs(&self, requester: AccountParam, at: Option<Hash>) -> RpcResult<Vec<Job>> {
		self.call(at, |api, at| api.requester_jobs(at, requester.0))
	}

	fn prover_jobs(&self, prover: AccountParam, at: Option<Hash>) -> RpcResult<Vec<Job>> {
		self.call(at, |api, at| api.prover_jobs(at, prover.0))
	}

	fn prover(
		&self,
		prover: AccountParam,
		at: Option<Hash>,
	) -> RpcResult<ProverInfo<Balance, BlockNumber>> {
		let AccountParam(prover) = prover;
		self.call(at, |api, at| api.prover(at, prover.clone()))?.ok_or_else(|| {
			error(codes::UNKNOWN_PROVER, format!("{prover} is not a registered prover"))
		})
	}

	fn proof(&self, id: JobId, at: Option<Hash>) -> RpcResult<JobProof> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let job = self.job(id, Some(at))?;
		if !matches!(job.state, JobState::Verified { .. }) {
			let state = serde_json::to_value(&job.state)
				.ok()
				.and_then(|state| state.as_object().and_then(|o| o.keys().next().cloned()))
				.unwrap_or_default();
			return Err(error(
				codes::JOB_NOT_VERIFIED,
				format!("job {id} has no proof: it is {state}, not Verified"),
			));
		}
		let receipt = self.call(Some(at), |api, at| api.receipt(at, id))?.ok_or_else(|| {
			internal(format!("job {id} is verified but has no receipt at block {at}"))
		})?;
		let block_hash = self
			.client
			.hash(receipt.block)
			.map_err(|e| internal(e.to_string()))?
			.ok_or_else(|| internal(format!("block #{} is not known", receipt.block)))?;
		let body = self.client.block_body(block_hash).map_err(|e| internal(e.to_string()))?;
		let Some(body) = body else {
			return Err(error(
				codes::BODY_UNAVAILABLE,
				format!(
					"this node no longer has the body of block #{} ({block_hash:?}), which holds the \
					 proof of job {id}: it keeps only recent block bodies (--blocks-pruning); ask \
					 a node that keeps them all (--blocks-pruning archive-canonical, the default)",
					receipt.block
				),
			));
		};
		let index = receipt.extrinsic_index;
		let extrinsic = body
			.get(index as usize)
			.and_then(|opaque| UncheckedExtrinsic::decode(&mut &opaque.encode()[..]).ok());
		let proof = match extrinsic.as_ref().and_then(|xt| match &xt.function {
			RuntimeCall::Jobs(call) => call.delivered_proof(),
			_ => None,
		}) {
			Some((job, output, proof)) if job == id && *output == receipt.output => proof.to_vec(),
			_ => {
				return Err(internal(format!(
					"extrinsic {index} of block #{} does not deliver the proof of job {id}",
					receipt.block
				)))
			},
		};
		Ok(JobProof {
			job: id,
			program: receipt.program,
			inputs: job.inputs,
			security: job.security,
			output: receipt.output,
			prover_id: pallet_jobs::prover_id(&receipt.prover).to_vec().into(),
			prover: receipt.prover,
			proof: proof.into(),
			block: receipt.block,
			block_hash,
			extrinsic_index: index,
		})
	}

	fn quote(
		&self,
		program: Program,
		steps: u32,
		collateral: Option<BalanceParam>,
		at: Option<Hash>,
	) -> RpcResult<FeeQuote<Balance>> {
		self.call(at, |api, at| api.quote(at, program, steps, collateral.map(|c| c.0)))?
			.map_err(quote_error)
	}
}
