//! The draw's randomness: BABE's VRF output of the block being built.
//!
//! BABE's own per-block randomness (`ParentBlockRandomness`, `AuthorVrfRandomness`) is computed
//! in `on_finalize`, so inside a block it is the parent's: known to the parent's author when it
//! chose the block's transactions. [`CurrentBlockVrf`] computes the same bytes for the block
//! being built, from its pre-digest, as soon as BABE's `on_initialize` has read it: a job
//! included in block `n` is drawn in block `n + 1` from an output that only block `n + 1`'s
//! author could know, and that author cannot choose it (a VRF output is unique for its key and
//! slot). `docs/architecture.md` ("Randomness") says what that author can still do.

use crate::{BlockNumber, Hash, Runtime, System};
use frame_support::traits::Randomness;
use sp_core::crypto::Wraps;
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// BABE's VRF output of the block being built (see the module docs).
pub struct CurrentBlockVrf;

impl CurrentBlockVrf {
	/// The VRF output of the block being built: the bytes BABE's `on_finalize` will store as
	/// `AuthorVrfRandomness`. `None` before BABE's `on_initialize` has run, or in a block
	/// without a VRF output (a secondary plain slot, which this chain's epoch configuration
	/// does not allow).
	pub fn output() -> Option<[u8; 32]> {
		let pre_digest = pallet_babe::Initialized::<Runtime>::get().flatten()?;
		let signature = pre_digest.vrf_signature()?;
		let authorities = pallet_babe::Authorities::<Runtime>::get();
		let (authority, _) = authorities.get(pre_digest.authority_index() as usize)?;
		let transcript = sp_consensus_babe::make_vrf_transcript(
			&pallet_babe::Randomness::<Runtime>::get(),
			pallet_babe::CurrentSlot::<Runtime>::get(),
			pallet_babe::EpochIndex::<Runtime>::get(),
		);
		authority
			.as_inner_ref()
			.make_bytes(
				sp_consensus_babe::RANDOMNESS_VRF_CONTEXT,
				&transcript,
				&signature.pre_output,
			)
			.ok()
	}
}

impl Randomness<Option<Hash>, BlockNumber> for CurrentBlockVrf {
	fn random(subject: &[u8]) -> (Option<Hash>, BlockNumber) {
		let random = Self::output().map(|output| BlakeTwo256::hash_of(&(subject, output)));
		(random, System::block_number())
	}
}

/// A real BABE pre-digest for the benchmarks: the block's VRF output is then computed as in a
/// block BABE authored. Made (and checked) by this module's tests: the key is the sr25519 key
/// of seed `[7; 32]`, the slot 1,000, epoch 0, the epoch randomness all zeros.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub mod benchmark_fixture {
	use super::*;
	use codec::Decode;
	use sp_consensus_babe::{digests::PreDigest, AuthorityId, Slot};

	/// The authority's public key.
	pub const AUTHORITY: [u8; 32] = [
		124, 15, 70, 157, 59, 211, 64, 186, 231, 24, 32, 63, 163, 12, 160, 113, 165, 227, 124, 117,
		30, 137, 29, 189, 237, 131, 123, 33, 61, 69, 217, 29,
	];
	/// The slot of the block.
	pub const SLOT: u64 = 1_000;
	/// The SCALE-encoded `PreDigest::SecondaryVRF` of the block.
	pub const PRE_DIGEST: &[u8] = &[
		3, 0, 0, 0, 0, 232, 3, 0, 0, 0, 0, 0, 0, 114, 132, 124, 11, 103, 133, 90, 249, 103, 236,
		11, 108, 29, 41, 45, 65, 46, 209, 151, 210, 230, 3, 101, 99, 207, 229, 159, 211, 171, 249,
		133, 57, 161, 79, 17, 129, 210, 17, 6, 252, 45, 182, 224, 75, 76, 5, 88, 68, 189, 149, 68,
		49, 64, 68, 101, 55, 151, 79, 187, 174, 53, 253, 252, 15, 7, 69, 200, 84, 210, 5, 104, 131,
		161, 61, 247, 3, 38, 72, 235, 125, 251, 137, 237, 124, 32, 207, 102, 101, 141, 175, 81,
		196, 131, 243, 5, 15,
	];

	/// Put the fixture's authority, slot and pre-digest where BABE's `on_initialize` leaves
	/// them.
	pub fn install() {
		let authority = AuthorityId::from(sp_core::sr25519::Public::from_raw(AUTHORITY));
		let authorities =
			frame_support::WeakBoundedVec::force_from(alloc::vec![(authority, 1)], None);
		pallet_babe::Authorities::<Runtime>::put(authorities);
		pallet_babe::Randomness::<Runtime>::put([0u8; 32]);
		pallet_babe::EpochIndex::<Runtime>::put(0);
		pallet_babe::CurrentSlot::<Runtime>::put(Slot::from(SLOT));
		let pre_digest = PreDigest::decode(&mut &PRE_DIGEST[..]).ok();
		pallet_babe::Initialized::<Runtime>::put(pre_digest);
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use frame_support::traits::Hooks;
	use sp_consensus_babe::{
		digests::{PreDigest, SecondaryVRFPreDigest},
		AuthorityId, Slot, BABE_ENGINE_ID,
	};
	use sp_core::{crypto::VrfSecret, sr25519, Pair};
	use sp_runtime::{BuildStorage, Digest, DigestItem};

	fn pair() -> sr25519::Pair {
		sr25519::Pair::from_seed(&[7u8; 32])
	}

	fn pre_digest(slot: u64) -> PreDigest {
		let sign_data = sp_consensus_babe::make_vrf_sign_data(&[0u8; 32], Slot::from(slot), 0);
		PreDigest::SecondaryVRF(SecondaryVRFPreDigest {
			authority_index: 0,
			slot: Slot::from(slot),
			vrf_signature: pair().vrf_sign(&sign_data),
		})
	}

	fn ext() -> sp_io::TestExternalities {
		let storage = crate::RuntimeGenesisConfig::default().build_storage().unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			let authority = AuthorityId::from(pair().public());
			pallet_babe::Authorities::<Runtime>::put(frame_support::WeakBoundedVec::force_from(
				vec![(authority, 1)],
				None,
			));
		});
		ext
	}

	/// The output is BABE's own: what its `on_finalize` stores as the block's
	/// `AuthorVrfRandomness` (and the next block's `ParentBlockRandomness`), known here from
	/// `on_initialize` on, and different in every slot.
	#[test]
	fn is_the_blocks_own_vrf_output_as_babe_computes_it() {
		ext().execute_with(|| {
			let mut outputs = Vec::new();
			for (number, slot) in [(1u32, 1_000u64), (2, 1_001)] {
				let digest = Digest {
					logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre_digest(slot).encode())],
				};
				System::initialize(&number, &Default::default(), &digest);
				assert_eq!(CurrentBlockVrf::output(), None, "before BABE's on_initialize");
				crate::Babe::on_initialize(number);
				let ours = CurrentBlockVrf::output().expect("a VRF slot");
				assert_eq!(CurrentBlockVrf::random(b"x").1, number);
				crate::Babe::on_finalize(number);
				assert_eq!(pallet_babe::AuthorVrfRandomness::<Runtime>::get(), Some(ours));
				outputs.push(ours);
			}
			assert_ne!(outputs[0], outputs[1]);
		});
	}

	/// The benchmarks' fixture is a valid pre-digest of its key, slot and epoch, and yields
	/// an output. (Printed, to remake it after a change: `cargo test -p sortition-runtime
	/// benchmark_fixture -- --nocapture`.)
	#[test]
	fn benchmark_fixture_is_a_real_vrf_pre_digest() {
		use sp_core::crypto::VrfPublic;
		let fresh = pre_digest(benchmark_fixture::SLOT);
		println!("AUTHORITY = {:?}", pair().public().0);
		println!("PRE_DIGEST = {:?}", fresh.encode());
		let decoded = <PreDigest as codec::Decode>::decode(&mut &benchmark_fixture::PRE_DIGEST[..])
			.expect("the fixture decodes");
		assert_eq!(benchmark_fixture::AUTHORITY, pair().public().0);
		let sign_data = sp_consensus_babe::make_vrf_sign_data(
			&[0u8; 32],
			Slot::from(benchmark_fixture::SLOT),
			0,
		);
		assert_eq!(decoded.slot(), Slot::from(benchmark_fixture::SLOT));
		assert!(pair().public().vrf_verify(&sign_data, decoded.vrf_signature().unwrap()));
		ext().execute_with(|| {
			benchmark_fixture::install();
			assert!(CurrentBlockVrf::output().is_some());
		});
	}
}
