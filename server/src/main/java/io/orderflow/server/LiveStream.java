package io.orderflow.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One stream: its ring and its subscribers. Appending and subscribing hold the same lock, so a new
 * subscriber gets the latest row and then every later one, each once and in order.
 */
final class LiveStream {

    private final String name;
    private final StreamRing ring;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    LiveStream(String name, int ringSize, long lastSeqBefore) {
        this.name = name;
        this.ring = new StreamRing(ringSize, lastSeqBefore);
    }

    String name() {
        return name;
    }

    /** Keeps and fans out a message whose seq is above the last; false (and nothing done) otherwise. */
    synchronized boolean accept(LiveMessage message) {
        if (message.seq() <= ring.lastSeq()) {
            return false;
        }
        ring.append(message);
        for (Subscriber s : subscribers) {
            s.deliver(message);
        }
        return true;
    }

    synchronized void subscribe(Subscriber subscriber) {
        if (subscribers.contains(subscriber)) {
            return;
        }
        subscribers.add(subscriber);
        LiveMessage latest = ring.latest();
        if (latest != null) {
            subscriber.deliver(latest);
        }
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    synchronized long lastSeq() {
        return ring.lastSeq();
    }

    synchronized LiveMessage latest() {
        return ring.latest();
    }

    synchronized LiveMessage oldest() {
        return ring.oldest();
    }

    synchronized int size() {
        return ring.size();
    }

    /** Every row the ring holds, oldest first. */
    synchronized List<LiveMessage> rows() {
        return ring.all();
    }

    /** See {@link StreamRing#after}. */
    synchronized List<LiveMessage> after(long from, int limit) {
        return ring.after(from, limit);
    }
}
