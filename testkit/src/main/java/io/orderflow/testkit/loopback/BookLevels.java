package io.orderflow.testkit.loopback;

import java.util.List;

/** Bid and ask levels, best first: a snapshot, a partial book or the levels changed by a diff. */
record BookLevels(List<Level> bids, List<Level> asks) {}
