//! Command-line interface.

/// Sub-commands of `sortition-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys (`key insert` puts a validator's or a
	/// prover's key in the node's keystore).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (zombienet and `--chain <file>` use its output).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a chain, e.g. `export-chain-spec --chain local`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Sub-commands concerned with benchmarking (pallet weights, block overhead, storage).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Sub-commands concerned with benchmarking. This binary was built without them: rebuild
	/// with `cargo build --release -p sortition-node --features runtime-benchmarks`.
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark {
		/// The benchmark sub-command and its arguments (ignored in this build).
		#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
		args: Vec<String>,
	},

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
	/// Check a portable receipt (`scripts/sortition receipt JOB --out FILE`) trusting only a
	/// GRANDPA authority set (the chain's genesis set unless `--authorities` gives another):
	/// exit 0 if its result is in the finalised history, 1 (with the reason) if not.
	VerifyReceipt(crate::receipt::VerifyReceiptCmd),
}

/// `sortition-node [SUBCOMMAND] [OPTIONS]`: without a sub-command, runs the node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	#[clap(flatten)]
	pub prover: ProverParams,
}

/// The node's prover: proves the jobs assigned to the `prov` keys in its keystore, in its
/// offchain workers.
#[derive(Debug, Clone, clap::Args)]
pub struct ProverParams {
	/// Threads a proof runs on (0: one per core).
	#[arg(long, default_value_t = 0, value_name = "N")]
	pub prover_threads: usize,

	/// Do not prove: the offchain workers neither accept nor prove jobs, whatever keys the
	/// keystore has (a validator or an RPC node). `--dev` / `--alice` then do not insert a
	/// prover key either. Without it, a node that has a prover key when it starts runs its
	/// offchain workers even if it is not a validator (`--offchain-worker when-authority`, the
	/// default, counts a prover as an authority; `--offchain-worker never` still wins).
	#[arg(long)]
	pub no_prover: bool,

	/// Whether `--offchain-worker` was `when-authority` (set from the run command's options).
	#[arg(skip)]
	pub offchain_when_authority: bool,
}
