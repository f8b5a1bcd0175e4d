//! End-to-end harness for Agent Desk.
