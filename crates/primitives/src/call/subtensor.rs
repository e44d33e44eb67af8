//! Calls of the subtensor pallet (pallet 7) that yuma implements, with subtensor's call indices
//! and argument order (spec-subnets §8.1), so the SCALE bytes equal what btcli and the SDK send.

use crate::{AccountId, NetUid, H256};
use parity_scale_codec::{Compact, Decode, Encode};
use std::collections::BTreeSet;

/// `RootClaimTypeEnum`: what a coldkey's root dividends become when claimed (spec-emission
/// §10.4). SCALE: variant byte 0 / 1 / 2, then the set as a sorted vector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum RootClaimTypeEnum {
    /// Sell the alpha for TAO and stake it on root (the default).
    #[default]
    Swap,
    /// Keep the alpha as stake on the subnet.
    Keep,
    /// Keep on these subnets, swap on every other.
    KeepSubnets {
        /// Subnets whose alpha is kept.
        subnets: BTreeSet<NetUid>,
    },
}

/// `SubnetIdentityV3`: a subnet's self-description (spec-subnets §2.9), UTF-8 byte strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub struct SubnetIdentityV3 {
    /// Name (≤ 256 bytes).
    pub subnet_name: Vec<u8>,
    /// GitHub repository (≤ 1024).
    pub github_repo: Vec<u8>,
    /// Contact (≤ 1024).
    pub subnet_contact: Vec<u8>,
    /// Website (≤ 1024).
    pub subnet_url: Vec<u8>,
    /// Discord (≤ 256).
    pub discord: Vec<u8>,
    /// Description (≤ 1024).
    pub description: Vec<u8>,
    /// Logo URL (≤ 1024).
    pub logo_url: Vec<u8>,
    /// Anything else (≤ 1024).
    pub additional: Vec<u8>,
}

/// `MAX_CRV3_COMMIT_SIZE_BYTES`: the largest timelocked commit.
pub const MAX_CRV3_COMMIT_SIZE_BYTES: usize = 5_000;

/// A timelocked commit's ciphertext, `BoundedVec<u8, ConstU32<5000>>`: longer input does not
/// decode, so such a transaction is malformed, as in subtensor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode)]
pub struct TimelockedCommit(pub Vec<u8>);

impl Decode for TimelockedCommit {
    fn decode<I: parity_scale_codec::Input>(
        input: &mut I,
    ) -> Result<Self, parity_scale_codec::Error> {
        let len = Compact::<u32>::decode(input)?.0 as usize;
        if len > MAX_CRV3_COMMIT_SIZE_BYTES {
            return Err("timelocked commit longer than 5000 bytes".into());
        }
        let mut bytes = vec![0u8; len];
        input.read(&mut bytes)?;
        Ok(Self(bytes))
    }
}

/// `pallet_subtensor::Call` (the implemented subset).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum SubtensorCall {
    /// Set the signing hotkey's weight row (§4.3).
    #[codec(index = 0)]
    SetWeights {
        /// Subnet.
        netuid: NetUid,
        /// Target uids.
        dests: Vec<u16>,
        /// Weights, max-upscaled on chain.
        weights: Vec<u16>,
        /// Client version key.
        version_key: u64,
    },
    /// Publish the hotkey's axon endpoint (§5.2).
    #[codec(index = 4)]
    ServeAxon {
        /// Subnet.
        netuid: NetUid,
        /// Client version.
        version: u32,
        /// IP as an integer.
        ip: u128,
        /// Port.
        port: u16,
        /// 4 or 6.
        ip_type: u8,
        /// Protocol (0 TCP, 1 UDP).
        protocol: u8,
        /// Free.
        placeholder1: u8,
        /// Free.
        placeholder2: u8,
    },
    /// Publish the hotkey's prometheus endpoint (§5.3).
    #[codec(index = 5)]
    ServePrometheus {
        /// Subnet.
        netuid: NetUid,
        /// Client version.
        version: u32,
        /// IP as an integer.
        ip: u128,
        /// Port.
        port: u16,
        /// 4 or 6.
        ip_type: u8,
    },
    /// Legacy proof-of-work registration: PoW is disabled, the work fields and `coldkey` are
    /// ignored and the signer pays a burned registration (§3.2).
    #[codec(index = 6)]
    Register {
        /// Subnet.
        netuid: NetUid,
        /// Ignored.
        block_number: u64,
        /// Ignored.
        nonce: u64,
        /// Ignored.
        work: Vec<u8>,
        /// The neuron's hotkey.
        hotkey: AccountId,
        /// Ignored.
        coldkey: AccountId,
    },
    /// `serve_axon` plus a TLS certificate (§5.2).
    #[codec(index = 40)]
    ServeAxonTls {
        /// Subnet.
        netuid: NetUid,
        /// Client version.
        version: u32,
        /// IP as an integer.
        ip: u128,
        /// Port.
        port: u16,
        /// 4 or 6.
        ip_type: u8,
        /// Protocol.
        protocol: u8,
        /// Free.
        placeholder1: u8,
        /// Free.
        placeholder2: u8,
        /// Algorithm byte then public key (≤ 64 bytes).
        certificate: Vec<u8>,
    },
    /// Register a neuron by burning TAO (§3.2).
    #[codec(index = 7)]
    BurnedRegister {
        /// Subnet.
        netuid: NetUid,
        /// The neuron's hotkey.
        hotkey: AccountId,
    },
    /// Create a subnet (§2.3).
    #[codec(index = 59)]
    RegisterNetwork {
        /// The owner hotkey, UID 0 of the new subnet.
        hotkey: AccountId,
    },
    /// Deprecated alias of `swap_hotkey_v2` with `keep_stake = false` (§7.1).
    #[codec(index = 70)]
    SwapHotkey {
        /// The old hotkey.
        hotkey: AccountId,
        /// The new hotkey.
        new_hotkey: AccountId,
        /// One subnet, or all.
        netuid: Option<NetUid>,
    },
    /// Swap a hotkey for a new one (§7.1).
    #[codec(index = 72)]
    SwapHotkeyV2 {
        /// The old hotkey.
        hotkey: AccountId,
        /// The new hotkey.
        new_hotkey: AccountId,
        /// One subnet, or all.
        netuid: Option<NetUid>,
        /// Leave stake on the old hotkey.
        keep_stake: bool,
    },
    /// Announce a coldkey swap (§7.2).
    #[codec(index = 125)]
    AnnounceColdkeySwap {
        /// blake2-256 of the SCALE-encoded new coldkey.
        new_coldkey_hash: H256,
    },
    /// Execute an announced coldkey swap (§7.2).
    #[codec(index = 126)]
    SwapColdkeyAnnounced {
        /// The new coldkey.
        new_coldkey: AccountId,
    },
    /// Root: swap a coldkey at once, recycling `swap_cost` from it (§7.2).
    #[codec(index = 71)]
    SwapColdkey {
        /// The coldkey to replace.
        old_coldkey: AccountId,
        /// Its replacement.
        new_coldkey: AccountId,
        /// Rao recycled from the old coldkey (0: free).
        swap_cost: u64,
    },
    /// Deprecated scheduled coldkey swap: always fails with `Deprecated` (use the announcement).
    #[codec(index = 73)]
    ScheduleSwapColdkey {
        /// The new coldkey.
        new_coldkey: AccountId,
    },
    /// Dispute the signer's own announced coldkey swap (§7.2).
    #[codec(index = 127)]
    DisputeColdkeySwap {},
    /// Root: drop a coldkey's swap announcement and dispute (§7.2).
    #[codec(index = 128)]
    ResetColdkeySwap {
        /// The coldkey.
        coldkey: AccountId,
    },
    /// Withdraw the signer's swap announcement after the reannouncement delay (§7.2).
    #[codec(index = 133)]
    ClearColdkeySwapAnnouncement {},
    /// Set weights on several subnets at once (§4.3); each item succeeds or fails alone.
    #[codec(index = 80)]
    BatchSetWeights {
        /// Subnets.
        netuids: Vec<Compact<u16>>,
        /// One `(uid, weight)` row per subnet.
        weights: Vec<Vec<(Compact<u16>, Compact<u16>)>>,
        /// One version key per subnet.
        version_keys: Vec<Compact<u64>>,
    },
    /// Commit weight hashes on several subnets at once (§4.9); each item alone.
    #[codec(index = 100)]
    BatchCommitWeights {
        /// Subnets.
        netuids: Vec<Compact<u16>>,
        /// One commit hash per subnet.
        commit_hashes: Vec<H256>,
    },
    /// `set_weights` for one mechanism of a subnet (§4.3).
    #[codec(index = 119)]
    SetMechanismWeights {
        /// Subnet.
        netuid: NetUid,
        /// Mechanism.
        mecid: u8,
        /// Uids.
        dests: Vec<u16>,
        /// Weights.
        weights: Vec<u16>,
        /// Version key.
        version_key: u64,
    },
    /// `commit_weights` for one mechanism of a subnet (§4.9).
    #[codec(index = 115)]
    CommitMechanismWeights {
        /// Subnet.
        netuid: NetUid,
        /// Mechanism.
        mecid: u8,
        /// The commit hash.
        commit_hash: H256,
    },
    /// `reveal_weights` for one mechanism of a subnet (§4.9).
    #[codec(index = 116)]
    RevealMechanismWeights {
        /// Subnet.
        netuid: NetUid,
        /// Mechanism.
        mecid: u8,
        /// Uids.
        uids: Vec<u16>,
        /// Weights.
        values: Vec<u16>,
        /// Salt.
        salt: Vec<u16>,
        /// Version key.
        version_key: u64,
    },
    /// Owner: set the subnet's tempo and restart its epoch cycle.
    #[codec(index = 139)]
    SetTempo {
        /// Subnet.
        netuid: NetUid,
        /// Blocks per epoch (360..=50400).
        tempo: u16,
    },
    /// Owner or root: the activity cutoff as per mille of a tempo.
    #[codec(index = 140)]
    SetActivityCutoffFactor {
        /// Subnet.
        netuid: NetUid,
        /// Per mille (1000..=50000).
        factor_milli: u32,
    },
    /// Owner: schedule an epoch `AdminFreezeWindow` blocks ahead.
    #[codec(index = 141)]
    TriggerEpoch {
        /// Subnet.
        netuid: NetUid,
    },
    /// Commit timelock-encrypted weights, revealed with drand round `reveal_round` (§4.11).
    #[codec(index = 113)]
    CommitTimelockedWeights {
        /// Subnet.
        netuid: NetUid,
        /// The ciphertext.
        commit: TimelockedCommit,
        /// drand round that decrypts it.
        reveal_round: u64,
        /// Must equal `CommitRevealWeightsVersion`.
        commit_reveal_version: u16,
    },
    /// `commit_timelocked_weights` for one mechanism, version fixed to 4 (§4.11).
    #[codec(index = 117)]
    CommitCrv3MechanismWeights {
        /// Subnet.
        netuid: NetUid,
        /// Mechanism.
        mecid: u8,
        /// The ciphertext.
        commit: TimelockedCommit,
        /// drand round that decrypts it.
        reveal_round: u64,
    },
    /// `commit_timelocked_weights` for one mechanism (§4.11).
    #[codec(index = 118)]
    CommitTimelockedMechanismWeights {
        /// Subnet.
        netuid: NetUid,
        /// Mechanism.
        mecid: u8,
        /// The ciphertext.
        commit: TimelockedCommit,
        /// drand round that decrypts it.
        reveal_round: u64,
        /// Must equal `CommitRevealWeightsVersion`.
        commit_reveal_version: u16,
    },
    /// Set a subnet's identity (§2.9), owner only.
    #[codec(index = 78)]
    SetSubnetIdentity {
        /// Subnet.
        netuid: NetUid,
        /// Name.
        subnet_name: Vec<u8>,
        /// GitHub repository.
        github_repo: Vec<u8>,
        /// Contact.
        subnet_contact: Vec<u8>,
        /// Website.
        subnet_url: Vec<u8>,
        /// Discord.
        discord: Vec<u8>,
        /// Description.
        description: Vec<u8>,
        /// Logo URL.
        logo_url: Vec<u8>,
        /// Anything else.
        additional: Vec<u8>,
    },
    /// Create a subnet with an identity (§2.3).
    #[codec(index = 79)]
    RegisterNetworkWithIdentity {
        /// The owner hotkey.
        hotkey: AccountId,
        /// The identity.
        identity: Option<SubnetIdentityV3>,
    },
    /// Claim ownership of a hotkey (§1.3).
    #[codec(index = 91)]
    TryAssociateHotkey {
        /// The hotkey.
        hotkey: AccountId,
    },
    /// Start emission and trading on a subnet (§2.6).
    #[codec(index = 92)]
    StartCall {
        /// Subnet.
        netuid: NetUid,
    },
    /// Commit a weights hash (§4.9).
    #[codec(index = 96)]
    CommitWeights {
        /// Subnet.
        netuid: NetUid,
        /// blake2-256 of the revealed data.
        commit_hash: H256,
    },
    /// Reveal committed weights (§4.9).
    #[codec(index = 97)]
    RevealWeights {
        /// Subnet.
        netuid: NetUid,
        /// Target uids.
        uids: Vec<u16>,
        /// Weights.
        values: Vec<u16>,
        /// Salt.
        salt: Vec<u16>,
        /// Client version key.
        version_key: u64,
    },
    /// Reveal several commits at once (§4.9).
    #[codec(index = 98)]
    BatchRevealWeights {
        /// Subnet.
        netuid: NetUid,
        /// Target uids per reveal.
        uids_list: Vec<Vec<u16>>,
        /// Weights per reveal.
        values_list: Vec<Vec<u16>>,
        /// Salt per reveal.
        salts_list: Vec<Vec<u16>>,
        /// Version key per reveal.
        version_keys: Vec<u64>,
    },
    /// Change a subnet's token symbol (§2.8), owner or root.
    #[codec(index = 112)]
    UpdateSymbol {
        /// Subnet.
        netuid: NetUid,
        /// A symbol of the `SYMBOLS` table, UTF-8.
        symbol: Vec<u8>,
    },
    /// Root: dissolve a subnet; `coldkey` is ignored (§2.7).
    #[codec(index = 61)]
    DissolveNetwork {
        /// Ignored.
        coldkey: AccountId,
        /// Subnet.
        netuid: NetUid,
    },
    /// Register `hotkey` on the root subnet (netuid 0, §2.2), signed by its coldkey.
    #[codec(index = 62)]
    RootRegister {
        /// The hotkey to register.
        hotkey: AccountId,
    },
    /// Root: dissolve a subnet (§2.7).
    #[codec(index = 120)]
    RootDissolveNetwork {
        /// Subnet.
        netuid: NetUid,
    },
    /// Lower a delegate take (staking §2.9); fee-free.
    #[codec(index = 65)]
    DecreaseTake {
        /// The delegate hotkey (owned by the signer).
        hotkey: AccountId,
        /// The new take, u16/65 535.
        take: u16,
    },
    /// Raise a delegate take, rate limited (staking §2.9); fee-free.
    #[codec(index = 66)]
    IncreaseTake {
        /// The delegate hotkey (owned by the signer).
        hotkey: AccountId,
        /// The new take, u16/65 535.
        take: u16,
    },
    /// Schedule a hotkey's child keys on a subnet (emission §9.2).
    #[codec(index = 67)]
    SetChildren {
        /// The parent hotkey (owned by the signer).
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// (proportion of u64::MAX, child hotkey), at most five.
        children: Vec<(u64, AccountId)>,
    },
    /// Root: `TxChildkeyTakeRateLimit`.
    #[codec(index = 69)]
    SudoSetTxChildkeyTakeRateLimit {
        /// Blocks.
        tx_rate_limit: u64,
    },
    /// Set a hotkey's childkey take on a subnet (emission §9.2).
    #[codec(index = 75)]
    SetChildkeyTake {
        /// The child hotkey (owned by the signer).
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// The take, u16/65 535.
        take: u16,
    },
    /// Root: `MinChildkeyTake`.
    #[codec(index = 76)]
    SudoSetMinChildkeyTake {
        /// u16/65 535.
        take: u16,
    },
    /// Root: `MaxChildkeyTake`.
    #[codec(index = 77)]
    SudoSetMaxChildkeyTake {
        /// u16/65 535.
        take: u16,
    },
    /// Root: `PendingChildKeyCooldown`.
    #[codec(index = 109)]
    SetPendingChildkeyCooldown {
        /// Blocks.
        cooldown: u64,
    },
    /// Burned registration with a price cap (§3.2).
    #[codec(index = 134)]
    RegisterLimit {
        /// Subnet.
        netuid: NetUid,
        /// The neuron's hotkey.
        hotkey: AccountId,
        /// Highest acceptable burn, rao.
        limit_price: u64,
    },
    /// Stake TAO from the signing coldkey to a hotkey on a subnet (staking §2.5).
    #[codec(index = 2)]
    AddStake {
        /// Hotkey staked to.
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// TAO, rao (gross, fee included).
        amount_staked: u64,
    },
    /// Unstake alpha back to TAO (staking §2.5).
    #[codec(index = 3)]
    RemoveStake {
        /// Hotkey.
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// Alpha, rao (capped at the stake).
        amount_unstaked: u64,
    },
    /// Unstake everything through a hotkey on every subnet (staking §2.5).
    #[codec(index = 83)]
    UnstakeAll {
        /// Hotkey.
        hotkey: AccountId,
    },
    /// Unstake all alpha through a hotkey and restake the TAO on root (staking §2.5).
    #[codec(index = 84)]
    UnstakeAllAlpha {
        /// Hotkey.
        hotkey: AccountId,
    },
    /// Move stake to another hotkey and/or subnet (staking §2.5).
    #[codec(index = 85)]
    MoveStake {
        /// Current hotkey.
        origin_hotkey: AccountId,
        /// New hotkey.
        destination_hotkey: AccountId,
        /// Current subnet.
        origin_netuid: NetUid,
        /// New subnet.
        destination_netuid: NetUid,
        /// Alpha on the origin subnet.
        alpha_amount: u64,
    },
    /// Give stake to another coldkey, optionally on another subnet (staking §2.5).
    #[codec(index = 86)]
    TransferStake {
        /// Receiving coldkey.
        destination_coldkey: AccountId,
        /// Hotkey.
        hotkey: AccountId,
        /// Current subnet.
        origin_netuid: NetUid,
        /// New subnet.
        destination_netuid: NetUid,
        /// Alpha on the origin subnet.
        alpha_amount: u64,
    },
    /// Move stake of one hotkey between subnets (staking §2.5).
    #[codec(index = 87)]
    SwapStake {
        /// Hotkey.
        hotkey: AccountId,
        /// Current subnet.
        origin_netuid: NetUid,
        /// New subnet.
        destination_netuid: NetUid,
        /// Alpha on the origin subnet.
        alpha_amount: u64,
    },
    /// `add_stake` with a price limit (staking §2.5).
    #[codec(index = 88)]
    AddStakeLimit {
        /// Hotkey.
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// TAO, rao.
        amount_staked: u64,
        /// Highest price, rao per alpha.
        limit_price: u64,
        /// Fill what the limit allows instead of failing.
        allow_partial: bool,
    },
    /// `remove_stake` with a price limit (staking §2.5).
    #[codec(index = 89)]
    RemoveStakeLimit {
        /// Hotkey.
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// Alpha, rao.
        amount_unstaked: u64,
        /// Lowest price, rao per alpha.
        limit_price: u64,
        /// Fill what the limit allows instead of failing.
        allow_partial: bool,
    },
    /// `swap_stake` with a limit on the origin/destination price ratio (staking §2.5).
    #[codec(index = 90)]
    SwapStakeLimit {
        /// Hotkey.
        hotkey: AccountId,
        /// Current subnet.
        origin_netuid: NetUid,
        /// New subnet.
        destination_netuid: NetUid,
        /// Alpha on the origin subnet.
        alpha_amount: u64,
        /// Lowest origin/destination price ratio, rao (10^9 = 1.0).
        limit_price: u64,
        /// Fill what the limit allows instead of failing.
        allow_partial: bool,
    },
    /// Destroy own alpha, reducing `SubnetAlphaOut` (staking §2.5).
    #[codec(index = 101)]
    RecycleAlpha {
        /// Hotkey.
        hotkey: AccountId,
        /// Alpha, rao.
        amount: u64,
        /// Subnet.
        netuid: NetUid,
    },
    /// Burn own alpha, keeping `SubnetAlphaOut` (staking §2.5).
    #[codec(index = 102)]
    BurnAlpha {
        /// Hotkey.
        hotkey: AccountId,
        /// Alpha, rao.
        amount: u64,
        /// Subnet.
        netuid: NetUid,
    },
    /// Unstake the whole position, optionally with a price limit (staking §2.5).
    #[codec(index = 103)]
    RemoveStakeFullLimit {
        /// Hotkey.
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// Lowest price, rao per alpha.
        limit_price: Option<u64>,
    },
    /// Buy alpha with `amount` TAO and burn what was bought ("subnet buyback", staking §2.5).
    #[codec(index = 132)]
    AddStakeBurn {
        /// Hotkey.
        hotkey: AccountId,
        /// Subnet.
        netuid: NetUid,
        /// TAO, rao.
        amount: u64,
        /// Highest price, rao per alpha (`add_stake_limit` without partial fills).
        limit: Option<u64>,
    },
    /// Claim the signer's root dividends on 1..=5 subnets (emission §10.4).
    #[codec(index = 121)]
    ClaimRoot {
        /// Subnets to claim on.
        subnets: BTreeSet<NetUid>,
    },
    /// Choose what the signer's root dividends become (emission §10.4).
    #[codec(index = 122)]
    SetRootClaimType {
        /// Swap, Keep or KeepSubnets.
        new_root_claim_type: RootClaimTypeEnum,
    },
    /// Root: coldkeys auto-claimed per block (≤ 50; 0 disables auto-claim).
    #[codec(index = 123)]
    SudoSetNumRootClaims {
        /// New `NumRootClaim`.
        new_value: u64,
    },
    /// Subnet owner or root: the least owed alpha a claim pays out (≤ 10_000_000).
    #[codec(index = 124)]
    SudoSetRootClaimThreshold {
        /// Subnet.
        netuid: NetUid,
        /// New threshold, rao of alpha.
        new_value: u64,
    },
}

impl SubtensorCall {
    /// The call's name, snake_case as in subtensor.
    pub fn name(&self) -> &'static str {
        match self {
            Self::SetWeights { .. } => "set_weights",
            Self::ServeAxon { .. } => "serve_axon",
            Self::ServeAxonTls { .. } => "serve_axon_tls",
            Self::ServePrometheus { .. } => "serve_prometheus",
            Self::BurnedRegister { .. } => "burned_register",
            Self::Register { .. } => "register",
            Self::DissolveNetwork { .. } => "dissolve_network",
            Self::RegisterNetwork { .. } => "register_network",
            Self::SetSubnetIdentity { .. } => "set_subnet_identity",
            Self::RegisterNetworkWithIdentity { .. } => "register_network_with_identity",
            Self::TryAssociateHotkey { .. } => "try_associate_hotkey",
            Self::SwapHotkey { .. } => "swap_hotkey",
            Self::SwapHotkeyV2 { .. } => "swap_hotkey_v2",
            Self::AnnounceColdkeySwap { .. } => "announce_coldkey_swap",
            Self::SwapColdkeyAnnounced { .. } => "swap_coldkey_announced",
            Self::SwapColdkey { .. } => "swap_coldkey",
            Self::ScheduleSwapColdkey { .. } => "schedule_swap_coldkey",
            Self::BatchSetWeights { .. } => "batch_set_weights",
            Self::CommitTimelockedWeights { .. } => "commit_timelocked_weights",
            Self::CommitCrv3MechanismWeights { .. } => "commit_crv3_mechanism_weights",
            Self::CommitTimelockedMechanismWeights { .. } => "commit_timelocked_mechanism_weights",
            Self::SetTempo { .. } => "set_tempo",
            Self::SetActivityCutoffFactor { .. } => "set_activity_cutoff_factor",
            Self::TriggerEpoch { .. } => "trigger_epoch",
            Self::SetMechanismWeights { .. } => "set_mechanism_weights",
            Self::CommitMechanismWeights { .. } => "commit_mechanism_weights",
            Self::RevealMechanismWeights { .. } => "reveal_mechanism_weights",
            Self::BatchCommitWeights { .. } => "batch_commit_weights",
            Self::DisputeColdkeySwap {} => "dispute_coldkey_swap",
            Self::ResetColdkeySwap { .. } => "reset_coldkey_swap",
            Self::ClearColdkeySwapAnnouncement {} => "clear_coldkey_swap_announcement",
            Self::StartCall { .. } => "start_call",
            Self::CommitWeights { .. } => "commit_weights",
            Self::RevealWeights { .. } => "reveal_weights",
            Self::BatchRevealWeights { .. } => "batch_reveal_weights",
            Self::RootDissolveNetwork { .. } => "root_dissolve_network",
            Self::RootRegister { .. } => "root_register",
            Self::UpdateSymbol { .. } => "update_symbol",
            Self::RegisterLimit { .. } => "register_limit",
            Self::DecreaseTake { .. } => "decrease_take",
            Self::IncreaseTake { .. } => "increase_take",
            Self::SetChildren { .. } => "set_children",
            Self::SudoSetTxChildkeyTakeRateLimit { .. } => "sudo_set_tx_childkey_take_rate_limit",
            Self::SetChildkeyTake { .. } => "set_childkey_take",
            Self::SudoSetMinChildkeyTake { .. } => "sudo_set_min_childkey_take",
            Self::SudoSetMaxChildkeyTake { .. } => "sudo_set_max_childkey_take",
            Self::SetPendingChildkeyCooldown { .. } => "set_pending_childkey_cooldown",
            Self::AddStake { .. } => "add_stake",
            Self::RemoveStake { .. } => "remove_stake",
            Self::UnstakeAll { .. } => "unstake_all",
            Self::UnstakeAllAlpha { .. } => "unstake_all_alpha",
            Self::MoveStake { .. } => "move_stake",
            Self::TransferStake { .. } => "transfer_stake",
            Self::SwapStake { .. } => "swap_stake",
            Self::AddStakeLimit { .. } => "add_stake_limit",
            Self::RemoveStakeLimit { .. } => "remove_stake_limit",
            Self::SwapStakeLimit { .. } => "swap_stake_limit",
            Self::RecycleAlpha { .. } => "recycle_alpha",
            Self::BurnAlpha { .. } => "burn_alpha",
            Self::RemoveStakeFullLimit { .. } => "remove_stake_full_limit",
            Self::AddStakeBurn { .. } => "add_stake_burn",
            Self::ClaimRoot { .. } => "claim_root",
            Self::SetRootClaimType { .. } => "set_root_claim_type",
            Self::SudoSetNumRootClaims { .. } => "sudo_set_num_root_claims",
            Self::SudoSetRootClaimThreshold { .. } => "sudo_set_root_claim_threshold",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timelocked_commit_is_bounded_at_5000_bytes() {
        let ok = TimelockedCommit(vec![1; MAX_CRV3_COMMIT_SIZE_BYTES]).encode();
        assert_eq!(
            TimelockedCommit::decode(&mut &ok[..]).unwrap().0.len(),
            MAX_CRV3_COMMIT_SIZE_BYTES
        );
        let long = TimelockedCommit(vec![1; MAX_CRV3_COMMIT_SIZE_BYTES + 1]).encode();
        assert!(TimelockedCommit::decode(&mut &long[..]).is_err());
        // A length prefix promising more bytes than there are does not decode either.
        let short = [Compact(3u32).encode(), vec![1, 2]].concat();
        assert!(TimelockedCommit::decode(&mut &short[..]).is_err());
    }

    #[test]
    fn root_claim_call_layout() {
        // claim_root: index 121, compact length 2 (0x08), netuids 1 and 3 as u16, sorted.
        let call = SubtensorCall::ClaimRoot {
            subnets: BTreeSet::from([NetUid(3), NetUid(1)]),
        };
        assert_eq!(call.encode(), vec![121, 8, 1, 0, 3, 0]);
        // set_root_claim_type: index 122, variant 2 (KeepSubnets), one netuid 2.
        let call = SubtensorCall::SetRootClaimType {
            new_root_claim_type: RootClaimTypeEnum::KeepSubnets {
                subnets: BTreeSet::from([NetUid(2)]),
            },
        };
        let bytes = vec![122, 2, 4, 2, 0];
        assert_eq!(call.encode(), bytes);
        assert_eq!(SubtensorCall::decode(&mut &bytes[..]).unwrap(), call);
        assert_eq!(
            SubtensorCall::SetRootClaimType {
                new_root_claim_type: RootClaimTypeEnum::Keep
            }
            .encode(),
            vec![122, 1]
        );
    }

    #[test]
    fn timelocked_commit_call_layout() {
        let call = SubtensorCall::CommitTimelockedWeights {
            netuid: NetUid(1),
            commit: TimelockedCommit(vec![9, 9]),
            reveal_round: 5,
            commit_reveal_version: 4,
        };
        // index 113, netuid u16, compact length 2 (0x08), bytes, round u64, version u16.
        let mut expected = vec![113, 1, 0, 8, 9, 9];
        expected.extend(5u64.to_le_bytes());
        expected.extend(4u16.to_le_bytes());
        assert_eq!(call.encode(), expected);
        assert_eq!(SubtensorCall::decode(&mut &expected[..]).unwrap(), call);
    }
}
