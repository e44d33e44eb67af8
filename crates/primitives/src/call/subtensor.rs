//! Calls of the subtensor pallet (pallet 7) that yuma implements, with subtensor's call indices
//! and argument order (spec-subnets §8.1), so the SCALE bytes equal what btcli and the SDK send.

use crate::{AccountId, NetUid, H256};
use parity_scale_codec::{Decode, Encode};

/// `SubnetIdentityV3`: a subnet's self-description (spec-subnets §2.9), UTF-8 byte strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
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

/// `pallet_subtensor::Call` (the implemented subset).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
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
    /// Root: dissolve a subnet (§2.7).
    #[codec(index = 120)]
    RootDissolveNetwork {
        /// Subnet.
        netuid: NetUid,
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
            Self::StartCall { .. } => "start_call",
            Self::CommitWeights { .. } => "commit_weights",
            Self::RevealWeights { .. } => "reveal_weights",
            Self::BatchRevealWeights { .. } => "batch_reveal_weights",
            Self::RootDissolveNetwork { .. } => "root_dissolve_network",
            Self::UpdateSymbol { .. } => "update_symbol",
            Self::RegisterLimit { .. } => "register_limit",
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
        }
    }
}
