package io.orderflow.testkit.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A {@link Broadcast} that keeps every message, for tests of the market without sockets. */
class Recorder implements Broadcast {

    record Message(Topic topic, String data) {}

    final List<Message> messages = new ArrayList<>();

    @Override
    public void publish(Topic topic, String data) {
        messages.add(new Message(topic, data));
    }

    List<JsonNode> of(Topic topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).map(m -> WsClient.json(m.data())).toList();
    }
}
