//! Errors: inputs that break the preconditions of spec-epoch §12.1.

/// An epoch input the epoch refuses to run on. All variants are input errors: nothing was
/// computed, and the same input always fails the same way.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EpochError {
    /// A weights or bonds row names a uid that is not registered.
    #[error("neurons[{row}].{field}: uid {uid} out of range (n = {n})")]
    UidOutOfRange {
        /// Row (uid of the validator).
        row: usize,
        /// `weights` or `bonds`.
        field: &'static str,
        /// The offending column uid.
        uid: u16,
        /// Number of neurons.
        n: usize,
    },
    /// A weights or bonds row names the same uid twice.
    #[error("neurons[{row}].{field}: duplicate uid {uid}")]
    DuplicateUid {
        /// Row (uid of the validator).
        row: usize,
        /// `weights` or `bonds`.
        field: &'static str,
        /// The repeated column uid.
        uid: u16,
    },
    /// The owner uid is not a registered uid.
    #[error("owner_uid: uid {owner} out of range (n = {n})")]
    OwnerOutOfRange {
        /// The owner uid given.
        owner: u16,
        /// Number of neurons.
        n: usize,
    },
    /// More neurons than u16 uids can address.
    #[error("neurons: {n} neurons, at most {max} allowed")]
    TooManyNeurons {
        /// Number of neurons given.
        n: usize,
        /// The limit (65 535).
        max: usize,
    },
    /// The total weighted stake does not fit the I64F64 sum (must stay below 2^63).
    #[error("neurons: total stake overflows (sum of alpha_stake + tao_stake × tao_weight must stay below 2^63)")]
    StakeOverflow,
    /// Mechanisms of one subnet disagree on the number of neurons.
    #[error("mechanisms[{mechanism}].neurons: {got} neurons, mechanism 0 has {expected}")]
    MechanismSizeMismatch {
        /// Index of the mechanism.
        mechanism: usize,
        /// Its neuron count.
        got: usize,
        /// Mechanism 0's neuron count.
        expected: usize,
    },
    /// No mechanism was given.
    #[error("mechanisms: at least one mechanism is required")]
    NoMechanism,
}
