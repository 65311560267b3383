-- Just-in-time compilation is for long analytic queries; here it made short searches slow. A search
-- plan reaches JIT's cost threshold because the planner prices the branches it will skip (ADR 0009),
-- and compiling then takes longer than running: the catalogue search went from 40 ms to 400 ms. The
-- application runs short OLTP statements only, so JIT is off for its database (new connections).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END
$$;
