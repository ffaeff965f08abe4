//! CSV batch forecasts (SPEC §4).
