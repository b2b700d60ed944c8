// An integer with thousands separators, as `toLocaleString('en-US')` writes
// it, without loading the locale data: that first call cost every CLI run
// 20 ms of its 100 ms start (the records module formats its limit as it
// loads).

/** `1048576` -> `"1,048,576"`. */
export const thousands = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
