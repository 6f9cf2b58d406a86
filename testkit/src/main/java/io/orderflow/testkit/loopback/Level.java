package io.orderflow.testkit.loopback;

/** One price level; quantity 0 in a diff means the level is gone. */
record Level(double price, double qty) {

    /** Stands in for the best level of an empty side. */
    static final Level NONE = new Level(0.0, 0.0);
}
