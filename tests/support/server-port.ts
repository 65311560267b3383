// A port for a server that tests or benchmarks start in another process and then reach with fetch().
// Node's fetch refuses the ports the Fetch standard blocks ("bad port"), and the range these used to
// draw from, 4100-4999, held one of them: 4190 (ManageSieve). An end-to-end run that drew it found the
// API unreachable from the web app. 4200-4999 holds none of the blocked ports.
const FROM = 4200;
const TO = 4999;

/** A random port in 4200-4999 (whether it is free is the caller's to check). */
export function randomServerPort(): number {
  return FROM + Math.floor(Math.random() * (TO - FROM + 1));
}
