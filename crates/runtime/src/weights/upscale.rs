//! "Max-upscale to u16" (§4.8): the largest weight becomes 65535, in I32F32 with truncating
//! division and round-half-away-from-zero at the end.

/// Scales `w` so that its maximum is 65535 (all zeros stay zero).
pub fn max_upscale(w: &[u16]) -> Vec<u16> {
    let m = w.iter().copied().max().unwrap_or(0);
    if m == 0 {
        return vec![0; w.len()];
    }
    let m = u64::from(m);
    let round = |bits: u64| -> u16 {
        // I32F32 bits → round half away from zero → saturate into u16.
        let r = (bits + (1 << 31)) >> 32;
        u16::try_from(r).unwrap_or(u16::MAX)
    };
    if m > 32_768 {
        // factor = 65535 / m in I32F32 (truncated), out = w × factor.
        let factor = (65_535u64 << 32) / m;
        w.iter().map(|x| round(u64::from(*x) * factor)).collect()
    } else {
        w.iter()
            .map(|x| round(((u64::from(*x) * 65_535) << 32) / m))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        assert_eq!(max_upscale(&[65535, 65535]), vec![65535, 65535]);
        assert_eq!(max_upscale(&[10, 10]), vec![65535, 65535]);
        assert_eq!(max_upscale(&[1, 2]), vec![32768, 65535]);
        assert_eq!(max_upscale(&[0, 0]), vec![0, 0]);
    }
}
