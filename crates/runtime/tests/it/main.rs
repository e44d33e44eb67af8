//! Integration tests of the runtime: block application, validity, invariants and the
//! scenario files under `scenarios/`.

mod batch_weights;
mod blocks;
mod emission;
mod guards;
mod invariants;
mod mechanisms;
mod scenarios;
mod setters;
mod subnet_figures;
mod subnet_props;
mod subnets;
mod tempo_control;
mod util;
