//! Serving (spec-subnets §5): a registered hotkey publishes its axon and prometheus endpoints,
//! validated (§5.4) and rate limited per subnet (§5.5).

use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::SERVING_RATE_LIMIT,
    subtensor::{storage::*, Error, SubtensorEvent},
};
use yuma_primitives::{AccountId, NetUid};

/// `valid_ip(type, addr, allow_zero)` (§5.4).
pub fn valid_ip(ip_type: u8, addr: u128, allow_zero: bool) -> bool {
    if addr == 0 {
        return allow_zero;
    }
    match ip_type {
        4 => addr < 0xFFFF_FFFF && addr != 0x7F00_0001,
        6 => addr != u128::MAX && addr != 1,
        _ => false,
    }
}

fn rate_ok(prev_block: u64, limit: u64, now: u64) -> bool {
    limit == 0 || prev_block == 0 || now.saturating_sub(prev_block) >= limit
}

/// `serve_axon` (§5.2).
pub fn serve_axon(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mut info: AxonInfo,
) -> DispatchResult {
    let now = ext.block;
    if UIDS.get(&ext.state, &netuid, hotkey)?.is_none() {
        return Err(Error::HotKeyNotRegisteredInNetwork.into());
    }
    if info.ip_type != 4 && info.ip_type != 6 {
        return Err(Error::InvalidIpType.into());
    }
    if !valid_ip(info.ip_type, info.ip, true) {
        return Err(Error::InvalidIpAddress.into());
    }
    let prev = AXONS.get(&ext.state, &netuid, hotkey)?.unwrap_or_default();
    if !rate_ok(prev.block, SERVING_RATE_LIMIT.get(&ext.state, netuid)?, now) {
        return Err(Error::ServingRateLimitExceeded.into());
    }
    if info.port == 0 {
        return Err(Error::InvalidPort.into());
    }
    info.block = now;
    AXONS.insert(&mut ext.state, &netuid, hotkey, &info);
    ext.deposit_event(SubtensorEvent::AxonServed(netuid, *hotkey));
    Ok(())
}

/// `serve_axon_tls` (§5.2): the axon, and a certificate of 1..=65 bytes (algorithm byte, then
/// the public key); a malformed certificate is ignored.
pub fn serve_axon_tls(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    info: AxonInfo,
    certificate: &[u8],
) -> DispatchResult {
    serve_axon(ext, hotkey, netuid, info)?;
    if let Some((algorithm, key)) = certificate
        .split_first()
        .filter(|_| certificate.len() <= 65)
    {
        let cert = NeuronCertificate {
            public_key: key.to_vec(),
            algorithm: *algorithm,
        };
        NEURON_CERTIFICATES.insert(&mut ext.state, &netuid, hotkey, &cert);
    }
    Ok(())
}

/// `serve_prometheus` (§5.3).
pub fn serve_prometheus(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mut info: PrometheusInfo,
) -> DispatchResult {
    let now = ext.block;
    if info.ip_type != 4 && info.ip_type != 6 {
        return Err(Error::InvalidIpType.into());
    }
    if !valid_ip(info.ip_type, info.ip, false) {
        return Err(Error::InvalidIpAddress.into());
    }
    if UIDS.get(&ext.state, &netuid, hotkey)?.is_none() {
        return Err(Error::HotKeyNotRegisteredInNetwork.into());
    }
    let prev = PROMETHEUS
        .get(&ext.state, &netuid, hotkey)?
        .unwrap_or_default();
    if !rate_ok(prev.block, SERVING_RATE_LIMIT.get(&ext.state, netuid)?, now) {
        return Err(Error::ServingRateLimitExceeded.into());
    }
    if info.port == 0 {
        return Err(Error::InvalidPort.into());
    }
    info.block = now;
    PROMETHEUS.insert(&mut ext.state, &netuid, hotkey, &info);
    ext.deposit_event(SubtensorEvent::PrometheusServed(netuid, *hotkey));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_rules() {
        // spec-subnets §10 scenario 35.
        assert!(valid_ip(4, 0x0808_0808, false));
        assert!(valid_ip(4, 0, true));
        assert!(!valid_ip(4, 0, false));
        assert!(!valid_ip(4, 0xFFFF_FFFF, true));
        assert!(!valid_ip(4, 0x7F00_0001, true));
        assert!(!valid_ip(4, 1 << 40, true));
        assert!(valid_ip(
            6,
            0x0001_0002_0003_0004_0005_0006_0007_0008,
            false
        ));
        assert!(!valid_ip(6, 1, true));
        assert!(!valid_ip(6, u128::MAX, true));
    }
}
