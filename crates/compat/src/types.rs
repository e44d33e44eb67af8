//! Well-known Substrate types whose registry paths clients special-case
//! (`substrate-compat.md` §6.3). `AccountId32`'s `TypeInfo` lives beside the type in
//! `yuma-primitives`.
