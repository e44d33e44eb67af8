//! Loops compiled twice, for the baseline target and with AVX2, chosen at run time.

/// Defines `$name`, which runs `$body` compiled with AVX2 when the CPU has it (x86-64, chosen
/// at run time) and for the baseline target otherwise, plus both variants by name for the
/// tests. The two are the same integer operations, so they return the same bits.
macro_rules! simd_dispatch {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident / $avx2:ident / $portable:ident ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty
        $body:block
    ) => {
        $(#[$meta])*
        #[allow(clippy::too_many_arguments)]
        $vis fn $name($($arg: $ty),*) -> $ret {
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512vl")
                && std::arch::is_x86_feature_detected!("avx512dq")
            {
                #[target_feature(enable = "avx512f,avx512vl,avx512dq")]
                #[allow(clippy::too_many_arguments)]
                fn avx512($($arg: $ty),*) -> $ret $body
                // SAFETY: the CPU supports these features (checked just above); the body is
                // safe code.
                return unsafe { avx512($($arg),*) };
            }
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2 (checked just above), the only requirement of
                // a `target_feature` function; the body is safe code.
                return unsafe { $avx2($($arg),*) };
            }
            $portable($($arg),*)
        }

        #[doc = concat!("[`", stringify!($name), "`] with AVX2 enabled.")]
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        #[allow(clippy::too_many_arguments)]
        $vis fn $avx2($($arg: $ty),*) -> $ret $body

        #[doc = concat!("[`", stringify!($name), "`] for the baseline target.")]
        #[allow(clippy::too_many_arguments)]
        $vis fn $portable($($arg: $ty),*) -> $ret $body
    };
}

pub(crate) use simd_dispatch;
