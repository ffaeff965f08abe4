//! Dated step-by-step plans (SPEC §6).
