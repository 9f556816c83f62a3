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

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use serde::Deserialize;
use sortition_api::{FeeQuote, JobId, JobInfo, Program, ProverInfo, QuoteError, SortitionApi};
use sortition_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash};
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
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: SortitionApi<Block, AccountId, Balance, BlockNumber>,
{
	fn job(&self, id: JobId, at: Option<Hash>) -> RpcResult<Job> {
		self.call(at, |api, at| api.job(at, id))?.ok_or_else(|| {
			error(
				codes::UNKNOWN_JOB,
				format!(
					"there is no job {id}: it was never submitted, or it finished and was pruned \
					 (a verified job's receipt stays in jobs.receipts)"
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
