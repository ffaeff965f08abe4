//! Random durations of the closing plan (D3): the review time of a closing application, drawn
//! per run as a uniform whole number of working days over the subject type's range.
//!
//! Run `i` draws from [`stream`]`(mix(seed, key_of("closing.review")), i)`, so the review draws
//! never share a stream with the migration draws of [`super::Model`] for the same seed.

use super::{key_of, mix, stream};
use crate::rules::Range;
use rand_distr::{Distribution, Uniform};

/// The stream key of the D3 review draws.
const REVIEW_KEY: &str = "closing.review";

/// The D3 review time of each of `runs` runs, in working days, uniform over `range` (both ends
/// included). A range of one value gives that value in every run.
pub fn review_working_days(seed: u64, runs: usize, range: Range<u32>) -> Vec<u32> {
    let base = mix(seed, key_of(REVIEW_KEY));
    let uniform = (range.min() < range.max())
        .then(|| Uniform::new_inclusive(range.min(), range.max()).ok())
        .flatten();
    (0..runs as u64)
        .map(|i| match &uniform {
            Some(u) => u.sample(&mut stream(base, i)),
            None => range.min(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d3_draws_stay_inside_the_range_and_cover_it() {
        let days = review_working_days(7, 5000, Range::new(7, 15).expect("ordered"));
        assert_eq!(days.len(), 5000);
        assert!(days.iter().all(|d| (7..=15).contains(d)));
        for v in 7..=15 {
            assert!(days.contains(&v), "{v} never drawn");
        }
    }

    #[test]
    fn same_seed_same_draws_and_a_fixed_range_is_fixed() {
        let r = Range::new(3, 5).expect("ordered");
        assert_eq!(
            review_working_days(1, 100, r),
            review_working_days(1, 100, r)
        );
        assert_ne!(
            review_working_days(1, 100, r),
            review_working_days(2, 100, r)
        );
        assert_eq!(
            review_working_days(1, 3, Range::new(20, 20).expect("ordered")),
            [20, 20, 20]
        );
    }
}
