//! Storage migrations. Each is a [`VersionedMigration`]: it runs once, when the on-chain storage
//! version is the one it migrates from, and then sets the next version; a chain created with
//! the current code starts at the current version and never runs it.

use crate::{Config, JobParams, Jobs, Pallet, Params};
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Storage version 0 → 1: fee escalation and declines.
///
/// - Every job gains `max_fee`, equal to its fee (a job submitted before escalation existed
///   never rises: that is what its requester agreed to, and what is held), and `raises`, 0.
/// - The parameters gain `fee_steps`, `decline_penalty`, `decline_quota` and `decline_period`,
///   from the runtime's `InitialParams`; the others keep their on-chain values.
pub mod v1 {
	use super::*;
	use crate::types::{BalanceOf, BlockNumberOf, JobStateOf};
	use sortition_programs::{Inputs, SecurityLevel};
	use sp_runtime::Perbill;

	/// A job as storage version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldJob<T: Config> {
		pub requester: T::AccountId,
		pub inputs: Inputs,
		pub security: SecurityLevel,
		pub fee: BalanceOf<T>,
		pub collateral: BalanceOf<T>,
		pub proving_window: BlockNumberOf<T>,
		pub submitted_at: BlockNumberOf<T>,
		pub expires_at: BlockNumberOf<T>,
		pub attempts: u32,
		pub failed: BoundedVec<T::AccountId, T::MaxAttempts>,
		pub state: JobStateOf<T>,
	}

	/// The parameters as storage version 0 stored them.
	#[derive(Encode, Decode)]
	pub struct OldParams<Balance, BlockNumber> {
		pub min_fee: Balance,
		pub min_collateral: Balance,
		pub accept_window: BlockNumber,
		pub min_proving_window: BlockNumber,
		pub max_proving_window: BlockNumber,
		pub draw_timeout: BlockNumber,
		pub redraw_interval: BlockNumber,
		pub retention_period: BlockNumber,
		pub accept_timeout_slash: Perbill,
	}

	/// The migration's body; use [`MigrateV0ToV1`], which runs it only from version 0.
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut jobs: u64 = 0;
			Jobs::<T>::translate::<OldJob<T>, _>(|_, old| {
				jobs = jobs.saturating_add(1);
				Some(crate::Job {
					requester: old.requester,
					inputs: old.inputs,
					security: old.security,
					max_fee: old.fee,
					fee: old.fee,
					raises: 0,
					collateral: old.collateral,
					proving_window: old.proving_window,
					submitted_at: old.submitted_at,
					expires_at: old.expires_at,
					attempts: old.attempts,
					failed: old.failed,
					state: old.state,
				})
			});
			let initial = T::InitialParams::get();
			let translated =
				Params::<T>::translate::<OldParams<BalanceOf<T>, BlockNumberOf<T>>, _>(|old| {
					old.map(|old| JobParams {
						min_fee: old.min_fee,
						min_collateral: old.min_collateral,
						accept_window: old.accept_window,
						min_proving_window: old.min_proving_window,
						max_proving_window: old.max_proving_window,
						draw_timeout: old.draw_timeout,
						redraw_interval: old.redraw_interval,
						retention_period: old.retention_period,
						accept_timeout_slash: old.accept_timeout_slash,
						fee_steps: initial.fee_steps,
						decline_penalty: initial.decline_penalty,
						decline_quota: initial.decline_quota,
						decline_period: initial.decline_period,
					})
				});
			if translated.is_err() {
				// Not an old record either: keep the chain running on the defaults.
				defensive!("jobs v1 migration: the parameters do not decode; using InitialParams");
				Params::<T>::kill();
			}
			log::info!(target: "runtime::jobs", "migrated {jobs} jobs and the parameters to storage version 1");
			T::DbWeight::get().reads_writes(jobs.saturating_add(1), jobs.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Jobs::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
			let after = Jobs::<T>::iter_values().filter(|job| job.max_fee >= job.fee).count();
			ensure!(
				before == after as u64,
				"every job decodes after the migration, max_fee >= fee"
			);
			Ok(())
		}
	}

	/// Storage version 0 → 1 of the jobs pallet.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
