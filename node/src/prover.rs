//! The node's prover: the native STARK prover its offchain workers use (see
//! `sortition_prover_host`), Alice's prover key on a dev chain, and Prometheus metrics.

use crate::cli::ProverParams;
use sc_service::{Configuration, Error as ServiceError};
use sortition_prover_host::{NativeProver, ProverObserver};
use sp_keystore::KeystorePtr;
use std::{sync::Arc, time::Duration};
use substrate_prometheus_endpoint::{
	register, Counter, Histogram, HistogramOpts, Opts, PrometheusError, Registry, U64,
};

/// The log target of the node's prover.
const LOG_TARGET: &str = "sortition::prover";

/// The node's prover, as the service wires it.
pub struct Prover {
	/// The native prover the offchain workers' extension calls.
	pub native: Arc<NativeProver>,
	/// The prover keys (`prov`) in the keystore when the node started.
	pub keys: usize,
}

/// The prover for the offchain workers, or `None` with `--no-prover`. With a dev key
/// (`--dev`, `--alice`, `--bob`, ...) that account's prover key (`prov`) is put in the keystore,
/// so `--dev` proves out of the box.
pub fn start(
	config: &Configuration,
	params: &ProverParams,
	keystore: &KeystorePtr,
) -> Result<Option<Prover>, ServiceError> {
	if params.no_prover {
		log::info!(target: LOG_TARGET, "prover off (--no-prover): jobs are neither accepted nor proven here");
		return Ok(None);
	}
	let key_type = pallet_jobs::offchain::KEY_TYPE;
	// `--dev` implies `--alice`; `--alice`, `--bob`, ... (any chain) also get that account's
	// prover key, as they get its session keys.
	if let Some(seed) = &config.dev_key_seed {
		keystore.sr25519_generate_new(key_type, Some(seed)).map_err(|e| {
			ServiceError::Other(format!("cannot insert the prover key of {seed}: {e}"))
		})?;
	}
	let observer = match config.prometheus_registry() {
		Some(registry) => Some(Box::new(
			Metrics::register(registry).map_err(|e| ServiceError::Other(e.to_string()))?,
		) as Box<dyn ProverObserver>),
		None => None,
	};
	let prover = NativeProver::new(params.prover_threads, observer).map_err(ServiceError::Other)?;
	let keys = keystore.sr25519_public_keys(key_type).len();
	log::info!(
		target: LOG_TARGET,
		"prover on {} threads; {} prover key(s) (`prov`) in the keystore",
		prover.threads(),
		keys,
	);
	if keys == 0 && !config.role.is_authority() {
		log::info!(
			target: LOG_TARGET,
			"no prover key: this node will not prove; insert one (`key insert --key-type prov`) \
			 and restart it, or run it with `--offchain-worker always`",
		);
	}
	Ok(Some(Prover { native: prover, keys }))
}

/// `sortition_prover_*` metrics.
struct Metrics {
	started: Counter<U64>,
	proven: Counter<U64>,
	failed: Counter<U64>,
	expired: Counter<U64>,
	seconds: Histogram,
}

impl Metrics {
	fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		let counter = |name: &str, help: &str| register(Counter::new(name, help)?, registry);
		Ok(Self {
			started: counter(
				"sortition_prover_jobs_started_total",
				"Jobs this node started proving (one at a time, earliest deadline first)",
			)?,
			proven: counter("sortition_prover_jobs_proven_total", "Jobs proven")?,
			failed: counter("sortition_prover_jobs_failed_total", "Jobs the prover failed on")?,
			expired: counter(
				"sortition_prover_jobs_expired_total",
				"Queued jobs dropped unproven: their deadline passed before their turn",
			)?,
			seconds: register(
				Histogram::with_opts(
					HistogramOpts::from(Opts::new(
						"sortition_prover_proving_seconds",
						"Time to prove one job",
					))
					.buckets(vec![0.01, 0.05, 0.25, 1.0, 4.0, 15.0, 60.0, 240.0]),
				)?,
				registry,
			)?,
		})
	}
}

impl ProverObserver for Metrics {
	fn started(&self, _job: u64) {
		self.started.inc();
	}

	fn expired(&self, _job: u64) {
		self.expired.inc();
	}

	fn finished(&self, _job: u64, ok: bool, elapsed: Duration) {
		if ok {
			self.proven.inc();
			self.seconds.observe(elapsed.as_secs_f64());
		} else {
			self.failed.inc();
		}
	}
}
