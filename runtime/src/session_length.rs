//! The length of a session, chosen per chain at genesis.
//!
//! A session is one BABE epoch: validators who joined or rotated their keys take over at a
//! session boundary, so the session's length is how long an operator waits. A real network
//! wants an hour or more (fewer authority changes to finalise); the development and local
//! chains want a minute, so that a joining validator authors within minutes and tests of the
//! validator set are quick. One runtime serves both, so the length is not a constant but this
//! storage value, set by the chain spec's genesis (`sessionLength.blocks`).
//!
//! It cannot change after genesis: BABE's client computes epoch boundaries from it, and a
//! different length on a running chain would break them. So this pallet has no call.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::BlockNumberFor;

	/// The storage layout's version (no migration yet).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The length of a session when the genesis config does not say.
		#[pallet::constant]
		type DefaultBlocks: Get<u32>;
	}

	#[pallet::type_value]
	pub fn DefaultBlocksOf<T: Config>() -> u32 {
		T::DefaultBlocks::get()
	}

	/// The length of a session (and of a BABE epoch), in blocks (slots: every slot has a block).
	#[pallet::storage]
	pub type Blocks<T: Config> = StorageValue<_, u32, ValueQuery, DefaultBlocksOf<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The session length in blocks; 0 takes the runtime's default.
		pub blocks: u32,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if self.blocks > 0 {
				Blocks::<T>::put(self.blocks);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(Blocks::<T>::get() > 0, "a session must last at least one block");
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The session length in blocks.
		pub fn blocks() -> u32 {
			Blocks::<T>::get()
		}
	}
}

/// The session length, as BABE's `EpochDuration` (in slots).
pub struct EpochDuration<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<u64> for EpochDuration<T> {
	fn get() -> u64 {
		u64::from(Pallet::<T>::blocks())
	}
}

/// A number of sessions, in blocks (for `pallet_collator_selection::Config::KickThreshold`).
pub struct Sessions<T, const N: u32>(core::marker::PhantomData<T>);
impl<T: Config, const N: u32> frame_support::traits::Get<u32> for Sessions<T, N> {
	fn get() -> u32 {
		Pallet::<T>::blocks().saturating_mul(N)
	}
}
