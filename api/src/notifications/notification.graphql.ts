// Placeholder replaced by the notifications slice.
export {};
