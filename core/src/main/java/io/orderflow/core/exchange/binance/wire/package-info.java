/**
 * Binance's wire format, kept apart from the domain model: one record per payload, mirroring it key
 * by key (each one-letter key commented), with a {@code read} method that takes it off a
 * {@link io.orderflow.core.exchange.binance.wire.WireReader} and checks it, and a {@code to...} method that
 * normalises it into an {@code io.orderflow.model} event. Prices and quantities, decimal strings on
 * the wire, are held as doubles; a key a market does not send is {@code WireReader.ABSENT} (numbers)
 * or null.
 */
package io.orderflow.core.exchange.binance.wire;
