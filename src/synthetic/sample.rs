//! Random draws for the generator: a seeded PRNG of our own (so the same seed gives the same
//! bytes on every platform and every version of every dependency) and the distributions the
//! generator draws from.

/// xoshiro256** seeded through SplitMix64 (Blackman and Vigna), as in `rand_xoshiro`.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator for `seed`; each `stream` gives an independent sequence of the same seed.
    pub(super) fn new(seed: u64, stream: u64) -> Self {
        let mut state = seed ^ stream.wrapping_mul(0xD605_0A1F_2B6E_4A4F);
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    /// The next 64 random bits.
    pub(super) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform integer in `0..n` (`n` > 0), by Lemire's multiply-shift.
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform float in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniform element of a non-empty slice.
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A geometric count on `0, 1, 2, …` with the given mean.
    pub(super) fn geometric(&mut self, mean: f64) -> usize {
        let p = 1.0 / (1.0 + mean);
        let u = 1.0 - self.unit(); // in (0, 1]
        (u.ln() / (1.0 - p).ln()).floor() as usize
    }
}

/// A discrete distribution over `0..n` given by weights, drawn by binary search of its
/// cumulative weights.
#[derive(Debug, Clone)]
pub(super) struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    /// The distribution with these (non-negative, not all zero) weights.
    pub(super) fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Self { cumulative }
    }

    /// Zipf's law over ranks `0..n`: rank `r` has weight `1 / (r + 1)^exponent`.
    pub(super) fn zipf(n: usize, exponent: f64) -> Self {
        Self::new((1..=n).map(|rank| (rank as f64).powf(-exponent)))
    }

    /// One draw.
    pub(super) fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_numbers_and_streams_differ() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, 0).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut one = Rng::new(7, 0);
        let mut other = Rng::new(7, 1);
        assert_ne!(one.next_u64(), other.next_u64());
    }

    #[test]
    fn draws_stay_in_range_and_follow_their_means() {
        let mut rng = Rng::new(1, 0);
        let n = 100_000;
        let mean = (0..n).map(|_| rng.geometric(2.5)).sum::<usize>() as f64 / n as f64;
        assert!((mean - 2.5).abs() < 0.1, "{mean}");
        assert!((0..n).all(|_| rng.below(7) < 7));
        let zipf = Weighted::zipf(100, 1.0);
        let mut counts = [0usize; 100];
        for _ in 0..n {
            counts[zipf.draw(&mut rng)] += 1;
        }
        // rank 1 is drawn about twice as often as rank 2 and ten times as often as rank 10
        let ratio = counts[0] as f64 / counts[1] as f64;
        assert!((1.8..2.2).contains(&ratio), "{ratio}");
        let ratio = counts[0] as f64 / counts[9] as f64;
        assert!((8.5..11.5).contains(&ratio), "{ratio}");
    }
}
