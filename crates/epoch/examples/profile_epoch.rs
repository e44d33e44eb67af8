//! One warmed-up benchmark epoch, for instruction counting under callgrind:
//! `profile_epoch N V dense|sparse [REPS [yuma3|classic|liquid]]`, e.g.
//! `valgrind --tool=callgrind --toggle-collect='*measured*' profile_epoch 256 64 dense`.

#[path = "../benches/epoch/run.rs"]
#[allow(dead_code)]
mod run;

#[allow(clippy::disallowed_methods)] // timing the harness, not the epoch
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|x| x.parse().ok()).unwrap_or(256);
    let v: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(64);
    let dense = args.get(3).is_none_or(|x| x == "dense");
    let reps: usize = args.get(4).and_then(|x| x.parse().ok()).unwrap_or(1);
    let model = match args.get(5).map(String::as_str) {
        Some("classic") => run::Model::Classic,
        Some("liquid") => run::Model::Liquid,
        _ => run::Model::Yuma3,
    };
    let input = run::input(n, v, dense, model);
    let start = std::time::Instant::now();
    let mut h = 0u64;
    for _ in 0..reps {
        let out = measured(&input);
        h = h.wrapping_add(out.incentive.iter().map(|x| u64::from(*x)).sum::<u64>());
    }
    println!("{h} {:?}/epoch", start.elapsed() / reps as u32);
}

#[inline(never)]
fn measured(input: &yuma_epoch::EpochInput) -> yuma_epoch::EpochOutput {
    yuma_epoch::run(std::hint::black_box(input)).expect("valid")
}
