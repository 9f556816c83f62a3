//! The node's heap as Prometheus metrics, from jemalloc's statistics (as Polkadot's node exports
//! them): `sortition_memory_allocated_bytes`, what the node's data takes, and
//! `sortition_memory_resident_bytes`, what the allocator holds in RAM for it. A node whose
//! allocated bytes grow holds more and more data; one whose resident bytes grow while the
//! allocated stay flat has an allocator keeping freed memory.

use sc_service::SpawnTaskHandle;
use std::time::Duration;
use substrate_prometheus_endpoint::{register, Gauge, PrometheusError, Registry, U64};
use tikv_jemalloc_ctl::{epoch, stats};

/// How often the statistics are read.
const INTERVAL: Duration = Duration::from_secs(5);

/// Register the metrics and spawn the task that updates them.
pub fn start(registry: &Registry, spawn: &SpawnTaskHandle) -> Result<(), PrometheusError> {
	let allocated = register(
		Gauge::<U64>::new(
			"sortition_memory_allocated_bytes",
			"Bytes the node has allocated on its heap and not freed (jemalloc)",
		)?,
		registry,
	)?;
	let resident = register(
		Gauge::<U64>::new(
			"sortition_memory_resident_bytes",
			"Bytes of the heap in physical memory, freed ones the allocator keeps included \
			 (jemalloc)",
		)?,
		registry,
	)?;
	spawn.spawn("memory-metrics", None, async move {
		loop {
			// The statistics are a snapshot taken when the epoch advances.
			if epoch::advance().is_ok() {
				if let (Ok(a), Ok(r)) = (stats::allocated::read(), stats::resident::read()) {
					allocated.set(a as u64);
					resident.set(r as u64);
				}
			}
			futures_timer::Delay::new(INTERVAL).await;
		}
	});
	Ok(())
}
