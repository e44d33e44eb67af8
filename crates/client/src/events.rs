//! The stake events of a receipt or a dry run, read from their SCALE `EventRecord`s: what a
//! stake, unstake, move, transfer or swap actually bought and sold. A dry run's events are the
//! exact quote of a move (both swaps, with the fee rules the runtime applies), which no pair
//! of `swap_quote` calls reproduces.
//!
//! Only `SubtensorModule::StakeAdded` (variant 2) and `StakeRemoved` (variant 3) are read;
//! every other record is skipped.

use parity_scale_codec::Decode;
use yuma_primitives::{AccountId, NetUid};

/// `pallet_subtensor`'s index in the runtime.
const SUBTENSOR_PALLET: u8 = 7;
const STAKE_ADDED: u8 = 2;
const STAKE_REMOVED: u8 = 3;

/// One `StakeAdded` or `StakeRemoved`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StakeChange {
    /// `true` for `StakeAdded`, `false` for `StakeRemoved`.
    pub added: bool,
    /// Coldkey.
    pub coldkey: AccountId,
    /// Hotkey.
    pub hotkey: AccountId,
    /// TAO paid in (added) or out (removed), rao.
    pub tao: u64,
    /// Alpha received (added) or sold (removed).
    pub alpha: u64,
    /// Subnet.
    pub netuid: u16,
    /// Swap fee, in the input token.
    pub fee: u64,
}

/// The stake changes among `records` (`0x` hex SCALE `EventRecord`s), in order; records that
/// are not stake events, or do not parse, are skipped.
pub fn stake_changes(records: &[String]) -> Vec<StakeChange> {
    records.iter().filter_map(|r| parse(r)).collect()
}

fn parse(record: &str) -> Option<StakeChange> {
    let bytes = hex::decode(record.trim_start_matches("0x")).ok()?;
    // Phase: 0 = ApplyExtrinsic(u32), 1 = Finalization, 2 = Initialization.
    let rest = match bytes.first()? {
        0 => bytes.get(5..)?,
        1 | 2 => bytes.get(1..)?,
        _ => return None,
    };
    let (&pallet, rest) = rest.split_first()?;
    let (&variant, mut body) = rest.split_first()?;
    if pallet != SUBTENSOR_PALLET || !matches!(variant, STAKE_ADDED | STAKE_REMOVED) {
        return None;
    }
    let (coldkey, hotkey, tao, alpha, netuid, fee) =
        <(AccountId, AccountId, u64, u64, NetUid, u64)>::decode(&mut body).ok()?;
    Some(StakeChange {
        added: variant == STAKE_ADDED,
        coldkey,
        hotkey,
        tao,
        alpha,
        netuid: netuid.0,
        fee,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use parity_scale_codec::Encode;
    use yuma_runtime::{
        event::{EventRecord, Phase, RuntimeEvent},
        subtensor::SubtensorEvent,
    };

    fn record(phase: Phase, e: SubtensorEvent) -> String {
        let r = EventRecord {
            phase,
            event: RuntimeEvent::SubtensorModule(e),
            topics: vec![],
        };
        format!("0x{}", hex::encode(r.encode()))
    }

    #[test]
    fn reads_the_runtimes_own_stake_events_and_skips_the_rest() {
        let (c, h) = (AccountId([1; 32]), AccountId([2; 32]));
        let records = vec![
            record(
                Phase::ApplyExtrinsic(3),
                SubtensorEvent::StakeRemoved(c, h, 990, 1_000, NetUid(1), 5),
            ),
            record(
                Phase::ApplyExtrinsic(3),
                SubtensorEvent::StakeMoved(c, h, NetUid(1), h, NetUid(2), 990),
            ),
            record(
                Phase::Initialization,
                SubtensorEvent::StakeAdded(c, h, 990, 2_000, NetUid(2), 0),
            ),
            "0xzz".to_string(),
        ];
        assert_eq!(
            stake_changes(&records),
            vec![
                StakeChange {
                    added: false,
                    coldkey: c,
                    hotkey: h,
                    tao: 990,
                    alpha: 1_000,
                    netuid: 1,
                    fee: 5
                },
                StakeChange {
                    added: true,
                    coldkey: c,
                    hotkey: h,
                    tao: 990,
                    alpha: 2_000,
                    netuid: 2,
                    fee: 0
                },
            ]
        );
    }
}
