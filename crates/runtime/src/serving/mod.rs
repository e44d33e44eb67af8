//! Serving (spec-subnets §5): a registered hotkey publishes its axon and prometheus endpoints,
//! validated (§5.4) and rate limited per subnet (§5.5).

use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::SERVING_RATE_LIMIT,
    storage::{StorageError, StorageRead},
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

/// `validate_serve_axon` (§5.2): registration, IP type and address, rate limit, port; the
/// dispatch guard runs it before the call, the call again.
pub fn validate_axon(
    s: &dyn StorageRead,
    now: u64,
    hotkey: &AccountId,
    netuid: NetUid,
    ip_type: u8,
    ip: u128,
    port: u16,
) -> Result<Result<(), Error>, StorageError> {
    if UIDS.get(s, &netuid, hotkey)?.is_none() {
        return Ok(Err(Error::HotKeyNotRegisteredInNetwork));
    }
    if ip_type != 4 && ip_type != 6 {
        return Ok(Err(Error::InvalidIpType));
    }
    if !valid_ip(ip_type, ip, true) {
        return Ok(Err(Error::InvalidIpAddress));
    }
    let prev = AXONS.get(s, &netuid, hotkey)?.unwrap_or_default();
    if !rate_ok(prev.block, SERVING_RATE_LIMIT.get(s, netuid)?, now) {
        return Ok(Err(Error::ServingRateLimitExceeded));
    }
    if port == 0 {
        return Ok(Err(Error::InvalidPort));
    }
    Ok(Ok(()))
}

/// `serve_axon` (§5.2).
pub fn serve_axon(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mut info: AxonInfo,
) -> DispatchResult {
    let now = ext.block;
    validate_axon(
        &ext.state,
        now,
        hotkey,
        netuid,
        info.ip_type,
        info.ip,
        info.port,
    )??;
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

/// `validate_serve_prometheus` (§5.3): IP type and address (zero not allowed),
/// registration, rate limit, port.
pub fn validate_prometheus(
    s: &dyn StorageRead,
    now: u64,
    hotkey: &AccountId,
    netuid: NetUid,
    ip_type: u8,
    ip: u128,
    port: u16,
) -> Result<Result<(), Error>, StorageError> {
    if ip_type != 4 && ip_type != 6 {
        return Ok(Err(Error::InvalidIpType));
    }
    if !valid_ip(ip_type, ip, false) {
        return Ok(Err(Error::InvalidIpAddress));
    }
    if UIDS.get(s, &netuid, hotkey)?.is_none() {
        return Ok(Err(Error::HotKeyNotRegisteredInNetwork));
    }
    let prev = PROMETHEUS.get(s, &netuid, hotkey)?.unwrap_or_default();
    if !rate_ok(prev.block, SERVING_RATE_LIMIT.get(s, netuid)?, now) {
        return Ok(Err(Error::ServingRateLimitExceeded));
    }
    if port == 0 {
        return Ok(Err(Error::InvalidPort));
    }
    Ok(Ok(()))
}

/// `serve_prometheus` (§5.3).
pub fn serve_prometheus(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mut info: PrometheusInfo,
) -> DispatchResult {
    let now = ext.block;
    validate_prometheus(
        &ext.state,
        now,
        hotkey,
        netuid,
        info.ip_type,
        info.ip,
        info.port,
    )??;
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
