//! PNG charts (SPEC §5).
