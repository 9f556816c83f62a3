use super::*;

#[test]
fn execute_matches_the_textbook_sequence() {
	// F(64) = 10610209857723 (below the modulus, so no reduction yet).
	assert_eq!(execute(64), 10_610_209_857_723);
	// F(128) mod p, from F(n) = F(n-1) + F(n-2) in u128 arithmetic.
	let p = crate::FIELD_MODULUS as u128;
	let (mut a, mut b) = (1u128, 1u128);
	for _ in 2..128 {
		(a, b) = (b, (a + b) % p);
	}
	assert_eq!(execute(128) as u128, b);
}
