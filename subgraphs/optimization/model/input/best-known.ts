/**
 * Published best-known values of the OR-Library `bqp` and Gset Max-Cut instances, in the files'
 * own convention (both maximise: the bqp objective, the cut), as ../shared/data/qubo/BEST_KNOWN.md
 * lists and sources them. bqp50/bqp100 are taken to be optimal; the rest are best known, not proven.
 */

/** `bqp<n>.<k>`: the k-th (1-based) instance of the file of size n. */
export const BQP_BEST_KNOWN: Readonly<Record<number, readonly number[]>> = {
  50: [2098, 3702, 4626, 3544, 4012, 3693, 4520, 4216, 3780, 3507],
  100: [7970, 11036, 12723, 10368, 9083, 10210, 10125, 11435, 11455, 12565],
  250: [45607, 44810, 49037, 41274, 47961, 41014, 46757, 35726, 48916, 40442],
  500: [116586, 128339, 130812, 130097, 125487, 121772, 122201, 123559, 120798, 130619],
  1000: [371438, 354932, 371236, 370675, 352760, 359629, 371193, 351994, 349337, 351415],
  2500: [1515944, 1471392, 1414192, 1507701, 1491816, 1469162, 1479040, 1484199, 1482413, 1483355],
};

/** `G<k>`: the best cut any public table reports (typos set aside, see BEST_KNOWN.md). */
export const GSET_BEST_KNOWN: Readonly<Record<string, number>> = {
  G1: 11624, G2: 11620, G3: 11622, G4: 11646, G5: 11631, G6: 2178, G7: 2006, G8: 2005, G9: 2054, G10: 2000, G11: 564, G12: 556, G13: 582, G14: 3064,
  G15: 3050, G16: 3052, G17: 3047, G18: 992, G19: 906, G20: 941, G21: 931, G22: 13359, G23: 13344, G24: 13337, G25: 13340, G26: 13328, G27: 3341,
  G28: 3298, G29: 3405, G30: 3413, G31: 3310, G32: 1410, G33: 1382, G34: 1384, G35: 7687, G36: 7680, G37: 7691, G38: 7688, G39: 2408, G40: 2400,
  G41: 2405, G42: 2481, G43: 6660, G44: 6650, G45: 6654, G46: 6649, G47: 6657, G48: 6000, G49: 6000, G50: 5880, G51: 3848, G52: 3851, G53: 3850,
  G54: 3852, G55: 10299, G56: 4017, G57: 3494, G58: 19293, G59: 6087, G60: 14190, G61: 5798, G62: 4870, G63: 27047, G64: 8751, G65: 5562, G66: 6364,
  G67: 6950, G70: 9591, G72: 7006, G77: 9938, G81: 14048,
};

/** The best-known value of an instance named `bqp50.3` or `G22`, in the file's convention; undefined when none is published. */
export function bestKnownValue(instance: string): number | undefined {
  const bqp = /^bqp(\d+)\.(\d+)$/.exec(instance);
  if (bqp) return BQP_BEST_KNOWN[Number(bqp[1])]?.[Number(bqp[2]) - 1];
  return GSET_BEST_KNOWN[instance];
}
