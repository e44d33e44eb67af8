//! Criterion benchmarks of the epoch crate (`cargo bench -p yuma-epoch`).

mod run;

criterion::criterion_main!(run::benches);
