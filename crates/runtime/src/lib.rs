//! The deterministic state machine of the yuma chain: storage, balances, transactions, blocks and scenarios.
