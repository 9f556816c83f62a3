//! The consumer in a mock runtime, with portable receipts of a chain made in memory
//! (`sortition_receipts::testing`): a receipt that holds is accepted once; each way one fails
//! has its error and stores nothing.

use crate::{self as consumer, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, derive_impl, traits::ConstU32, BoundedVec};
use sortition_receipts::{testing, PortableReceipt};
use sp_keyring::Ed25519Keyring::*;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Consumer: consumer,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl Config for Test {
	type MaxAuthorities = ConstU32<16>;
	type MaxReceiptSize = ConstU32<{ 64 * 1024 }>;
	type WeightInfo = ();
}

fn new_test_ext() -> sp_io::TestExternalities {
	let mut ext: sp_io::TestExternalities =
		frame_system::GenesisConfig::<Test>::default().build_storage().unwrap().into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn trust_genesis_set() {
	let set = testing::genesis_set();
	assert_ok!(Consumer::set_trusted_set(
		RuntimeOrigin::root(),
		set.set_id,
		set.authorities.try_into().unwrap()
	));
}

fn accept(portable: &PortableReceipt) -> sp_runtime::DispatchResult {
	Consumer::accept_result(RuntimeOrigin::signed(1), portable.encode().try_into().unwrap())
}

#[test]
fn a_receipt_that_holds_is_accepted_once() {
	new_test_ext().execute_with(|| {
		trust_genesis_set();
		let portable = testing::portable(1);
		assert_ok!(accept(&portable));
		let receipt = &portable.receipt;
		assert_eq!(
			Results::<Test>::get(receipt.job),
			Some(AcceptedResult {
				program: receipt.program,
				output: receipt.output,
				prover: receipt.prover.clone(),
				block: receipt.block,
			})
		);
		System::assert_last_event(
			Event::ResultAccepted {
				job: receipt.job,
				output: receipt.output,
				finalized: testing::HEAD,
				set_id: 0,
			}
			.into(),
		);
		assert_noop!(accept(&portable), Error::<Test>::AlreadyAccepted);
	})
}

#[test]
fn nothing_is_accepted_before_a_set_is_trusted_or_from_bad_bytes() {
	new_test_ext().execute_with(|| {
		assert_noop!(accept(&testing::portable(0)), Error::<Test>::NoTrustedSet);
		trust_genesis_set();
		let bytes: BoundedVec<u8, _> = vec![1, 2, 3].try_into().unwrap();
		assert_noop!(
			Consumer::accept_result(RuntimeOrigin::signed(1), bytes),
			Error::<Test>::MalformedReceipt
		);
		// Root only sets the trusted set.
		assert_noop!(
			Consumer::set_trusted_set(RuntimeOrigin::signed(1), 0, Default::default()),
			sp_runtime::DispatchError::BadOrigin
		);
	})
}

#[test]
fn each_failing_receipt_has_its_error_and_stores_nothing() {
	new_test_ext().execute_with(|| {
		trust_genesis_set();
		let mut other_output = testing::portable(0);
		other_output.receipt.output = sortition_receipts::sortition_api::Output::MimcVdf(1);
		let mut outsiders = testing::portable(0);
		outsiders.justification = testing::justify(&[Dave, Eve, Ferdie], 0, &outsiders.header);
		let mut too_few = testing::portable(0);
		too_few.justification.commit.precommits.pop();
		let mut other_set = testing::portable(0);
		other_set.justification = testing::justify(&[Alice, Bob, Charlie], 1, &other_set.header);
		let mut not_finalised = testing::portable(0);
		not_finalised.header = testing::header(testing::HEAD + 1, vec![]);
		let mut other_leaf = testing::portable(0);
		other_leaf.mmr_proof = testing::mmr(&testing::leaves(), u64::from(testing::BLOCK) - 1).1;

		for (portable, error) in [
			(other_output, Error::<Test>::ReceiptNotInBlock),
			(outsiders, Error::<Test>::UnknownAuthority),
			(too_few, Error::<Test>::NotEnoughWeight),
			(other_set, Error::<Test>::InvalidSignature),
			(not_finalised, Error::<Test>::JustificationOfOtherHeader),
			(other_leaf, Error::<Test>::LeafNotInMmr),
		] {
			assert_noop!(accept(&portable), error);
		}
		assert_eq!(Results::<Test>::iter().count(), 0);
	})
}
