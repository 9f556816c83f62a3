use super::*;

#[test]
fn a_round_is_inverted_by_the_constraint() {
	// x_{i+1}^7 + 42 = x_i for every round: the AIR's transition holds on the real function.
	let mut x = felt(123_456_789);
	for _ in 0..100 {
		let next = round(x);
		assert_eq!(next.exp(7) + ROUND_CONSTANT, x);
		x = next;
	}
}

#[test]
fn inv_alpha_inverts_alpha() {
	let p_minus_1 = (crate::FIELD_MODULUS - 1) as u128;
	assert_eq!((7 * INV_ALPHA as u128) % p_minus_1, 1);
}
